package domain

// HTCDS 2.0 picklists (Human Trafficking Case Data Standard, IOM, CC BY 4.0):
// the value names of each picklist field, in the standard's order, so a case
// can be exported in HTCDS form and forms offer exactly these choices. The
// window shows translated labels; the stored values are these names.
// testdata/htcds-2.0-fields.csv is the standard's table; a test keeps the
// two equal.

// Genders are the prs_Gender values.
var Genders = []Gender{GenderFeminine, GenderMasculine, GenderTransgenderFeminine, GenderTransgenderMasculine, GenderNonConforming, GenderUnknown}

// MaritalStatuses are the prs_MaritalStatus values.
var MaritalStatuses = []string{"Single", "Married", "Widowed", "Divorced", "Separated", "RegisteredPartnership"}

// EducationLevels are the prs_HighestLevelOfEducation values (ISCED levels).
var EducationLevels = []string{
	"EarlyChildhoodEducation", "PrimaryEducation", "LowerSecondaryEducation", "UpperSecondaryEducation",
	"PostSecondaryNonTertiaryEducation", "ShortCycleTertiaryEducation", "BachelorsOrEquivalentLevel",
	"MastersOrEquivalentLevel", "DoctoralOrEquivalentLevel",
}

// TraffickingStatuses are the vic_TraffickingStatus values.
var TraffickingStatuses = []TraffickingStatus{TraffickingPossible, TraffickingActual, TraffickingNot}

// DecisionMakingOrgs are the vic_TraffickingStatusDecisionMakingOrg values.
var DecisionMakingOrgs = []string{"Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other"}

// RelationshipsToTrafficker are the vic_RelationshipToTrafficker values
// ("Unaquainted" is the standard's spelling).
var RelationshipsToTrafficker = []string{"Familial", "Acquainted", "Unaquainted"}

// RecruitmentWebsitesAndApps are the vic_RecruitmentWebsitesAndApps values.
var RecruitmentWebsitesAndApps = websitesAndApps()

// ExploitationWebsitesAndApps are the vic_ExploitationWebsitesAndApps values.
var ExploitationWebsitesAndApps = websitesAndApps()

func websitesAndApps() []string {
	return []string{"Facebook", "Instagram", "WhatsApp", "Telegram", "FacebookMessenger", "Viber", "SnapChat",
		"Line", "4Sale", "WeChat", "QQ", "QZone", "TikTok", "Twitter", "Other"}
}

// MethodsOfRecruitment are the vic_MethodOfRecruitment values.
var MethodsOfRecruitment = []string{
	"AtAPlaceOfBusiness", "AtAnEducationalInstitution", "AtWork", "ThroughOnlineSocialNetworks",
	"ThroughAnOnlineAdvertisement", "ThroughATelevisionAdvert", "ThroughANewspaperAdvert",
	"ThroughFamilyOrFamilyEvents", "ThroughFriendsOrSocialEvents", "Other",
}

// MethodsOfControl are the vic_MethodsOfControl values.
var MethodsOfControl = []string{
	"PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage", "FalsePromises",
	"PhysicalAbuse", "SexualAbuse", "TakesEarnings", "RestrictsFinancialAccess", "RestrictsMedicalCare",
	"WithholdsNecessities", "PsychologicalAbuse", "PsychoactiveSubstance", "ExcessiveWorkingHours",
	"WithholdsDocuments", "Other",
}

// TypesOfExploitation are the vic_TypeOfExploitation values.
var TypesOfExploitation = []string{
	"ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
	"ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption", "Surrogacy", "Other",
}

// ForcedLabourIndustries are the vic_ForcedLabourIndustry values (ISIC sections).
var ForcedLabourIndustries = []string{
	"A_AgricultureForestryAndFishing", "B_MiningAndQuarrying", "C_Manufacturing",
	"D_ElectricityGasSteamAndAirConditioningSupply", "E_WaterSupplySewerageWasteManagement", "F_Construction",
	"G_WholesaleAndRetailTradeRepairOfMotorVehicles", "H_TransportationAndStorage",
	"I_AccommodationAndFoodServiceActivities", "J_InformationAndCommunication", "K_FinancialAndInsuranceActivities",
	"L_RealEstateActivities", "M_ProfessionalScientificAndTechnicalActivities",
	"N_AdministrativeAndSupportServiceActivities", "O_PublicAdministrationAndDefence", "P_Education",
	"Q_HumanHealthAndSocialWorkActivities", "R_ArtsEntertainmentAndRecreation", "S_OtherServiceActivities",
	"T_ActivitiesOfHouseholdsAsEmployers", "U_ActivitiesOfExtraterritorialOrganizations",
}

// TypesOfSexExploitation are the vic_TypeOfSexExploitation values.
var TypesOfSexExploitation = []string{"Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices"}

// Vulnerabilities are the vic_Vulnerabilities values (deprecated in HTCDS
// 2.0, kept because screening and statistics still use them).
var Vulnerabilities = []string{
	"Addiction", "SocialGroup", "Discrimination", "Poverty", "DisabilityAndPhysicalHealth", "MentalHealth",
	"Migration", "Homelessness", "AbuseSocialMedia", "AbusePhysical", "Education", "WorkEnvironment",
}

// RolesInProcess are the per_RoleInProcess values.
var RolesInProcess = []string{
	"TravellingPartner", "Transporter", "RecruiterOrIntermediary", "BrokerTravelAgent", "TransferredIndividual",
	"HarbouredIndividual", "SoldIndividual", "BoughtIndividual", "ReceivedIndividual", "ControlledIndividual",
	"Smuggler", "Abuser", "Kidnapper", "Exploiter", "Other",
}

// HTCDSCaseStatuses are the cas_Status values; CaseStatus.HTCDS maps ours to them.
var HTCDSCaseStatuses = []string{"Active", "FollowUp", "Closed", "ClosedReferred"}

// ReasonsForReferral are the cas_ReasonForIncomingReferral and
// cas_ReasonForOutgoingReferral values.
var ReasonsForReferral = []string{"AdditionalServicesRequired", "MigrationOrChangeOfLocation", "Other"}

// EventTypes are the hte_Type values of a trafficking event.
var EventTypes = []string{"Recruitment", "Transit", "Exploitation"}

// SupportPlanTypes are the spl_Type values.
var SupportPlanTypes = []string{
	"Education", "Financial", "Health", "LabourExploitationRehabilitation", "Legal", "Livelihood",
	"RightsBasedTraining", "SexualExploitationRehabilitation", "SocialCare",
}

// OrganisationTypes are the org_Type values, for partners.
var OrganisationTypes = []string{
	"NGO", "LawEnforcement", "HealthServiceOrganisation", "CentralGovernmentOrganisation",
	"LocalGovernmentOrganisation", "ImmigrationService", "LegalService", "CorporateBusiness", "SchoolOrCollege",
}

// HTCDSPicklists gives the values of every HTCDS picklist field above, by
// field name with prefix.
var HTCDSPicklists = map[string][]string{
	"prs_Gender":                             stringsOf(Genders),
	"prs_MaritalStatus":                      MaritalStatuses,
	"prs_HighestLevelOfEducation":            EducationLevels,
	"vic_TraffickingStatus":                  stringsOf(TraffickingStatuses),
	"vic_TraffickingStatusDecisionMakingOrg": DecisionMakingOrgs,
	"vic_RelationshipToTrafficker":           RelationshipsToTrafficker,
	"vic_RecruitmentWebsitesAndApps":         RecruitmentWebsitesAndApps,
	"vic_MethodOfRecruitment":                MethodsOfRecruitment,
	"vic_MethodsOfControl":                   MethodsOfControl,
	"vic_TypeOfExploitation":                 TypesOfExploitation,
	"vic_ForcedLabourIndustry":               ForcedLabourIndustries,
	"vic_TypeOfSexExploitation":              TypesOfSexExploitation,
	"vic_ExploitationWebsitesAndApps":        ExploitationWebsitesAndApps,
	"vic_Vulnerabilities":                    Vulnerabilities,
	"per_RoleInProcess":                      RolesInProcess,
	"cas_Status":                             HTCDSCaseStatuses,
	"cas_ReasonForIncomingReferral":          ReasonsForReferral,
	"cas_ReasonForOutgoingReferral":          ReasonsForReferral,
	"hte_Type":                               EventTypes,
	"spl_Type":                               SupportPlanTypes,
	"org_Type":                               OrganisationTypes,
}

// HTCDSField maps the field paths of a case (as validation problems and
// history changes name them; "[]" stands for any index of a list) to the
// HTCDS 2.0 field they export as. Person.Languages exports its first
// language as prs_PrimaryLanguage and the second as prs_SecondaryLanguage;
// a note's text exports as cco_CaseComment and an in-force consent as
// con_Consent. Paths not listed here (stage, priority, the child
// protection section, services, follow-ups) have no HTCDS field.
var HTCDSField = map[string]string{
	"status":         "cas_Status",
	"assignedTo":     "cas_CaseOwner",
	"closure.reason": "cas_ReasonForCaseClosure",

	"person.firstName":          "prs_FirstName",
	"person.middleName":         "prs_MiddleName",
	"person.lastName":           "prs_SecondName",
	"person.gender":             "prs_Gender",
	"person.birthDate":          "prs_Birthdate",
	"person.citizenship":        "prs_Citizenship",
	"person.languages":          "prs_PrimaryLanguage",
	"person.education":          "prs_HighestLevelOfEducation",
	"person.maritalStatus":      "prs_MaritalStatus",
	"person.children":           "prs_NumberOfChildren",
	"person.phone":              "prs_MobilePhone",
	"person.email":              "prs_Email",
	"person.address":            "prs_MailingStreet",
	"person.documents[].number": "prs_IdentityNumber",

	"trafficking.status":            "vic_TraffickingStatus",
	"trafficking.decidedBy":         "vic_TraffickingStatusDecisionMakingOrg",
	"trafficking.relationship":      "vic_RelationshipToTrafficker",
	"trafficking.ageWhenTrafficked": "vic_AgeWhenTrafficked",
	"trafficking.recruitment":       "vic_MethodOfRecruitment",
	"trafficking.control":           "vic_MethodsOfControl",
	"trafficking.exploitation":      "vic_TypeOfExploitation",
	"trafficking.labourSector":      "vic_ForcedLabourIndustry",
	"trafficking.sexExploitation":   "vic_TypeOfSexExploitation",
	"trafficking.recruitmentApps":   "vic_RecruitmentWebsitesAndApps",
	"trafficking.exploitationApps":  "vic_ExploitationWebsitesAndApps",
	"trafficking.vulnerabilities":   "vic_Vulnerabilities",

	"events[].type":    "hte_Type",
	"events[].country": "hte_Country",
	"events[].place":   "hte_City",
	"events[].from":    "hte_Date",

	"perpetrators[].roles":   "per_RoleInProcess",
	"perpetrators[].details": "per_RoleDetails",

	"plan.types":      "spl_Type",
	"plan.objectives": "spl_Objectives",
	"plan.actions":    "spl_ActionPlan",
	"plan.plannedEnd": "spl_PlannedEndDate",
	"plan.actualEnd":  "spl_ActualEndDate",
}

// HTCDS returns the cas_Status value of s ("" for an unknown status).
func (s CaseStatus) HTCDS() string {
	switch s {
	case StatusActive:
		return "Active"
	case StatusFollowUp:
		return "FollowUp"
	case StatusClosed:
		return "Closed"
	case StatusClosedReferred:
		return "ClosedReferred"
	}
	return ""
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
