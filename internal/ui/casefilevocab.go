package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/amparo-app/amparo/internal/domain"
)

// The case's vocabularies in plain words. Stored values are the HTCDS 2.0
// value names (or Amparo's own, where HTCDS has none); what the person
// reads is the translated label. The lists are built on each call, so they
// follow the language in use.

// option is a stored value and its label in the current language.
type option struct{ value, label string }

func optionLabel(opts []option, value string) string {
	for _, o := range opts {
		if o.value == value {
			return o.label
		}
	}
	return value
}

func optionLabels(opts []option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.label
	}
	return out
}

// labelsOf writes a list of stored values as their labels, comma separated.
func labelsOf(opts []option, values []string) string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		out = append(out, optionLabel(opts, v))
	}
	return strings.Join(out, ", ")
}

func genderOptions() []option {
	return []option{
		{string(domain.GenderFeminine), lang.L("case.vocab.gender.Feminine")},
		{string(domain.GenderMasculine), lang.L("case.vocab.gender.Masculine")},
		{string(domain.GenderTransgenderFeminine), lang.L("case.vocab.gender.TransgenderFeminine")},
		{string(domain.GenderTransgenderMasculine), lang.L("case.vocab.gender.TransgenderMasculine")},
		{string(domain.GenderNonConforming), lang.L("case.vocab.gender.NonConforming")},
		{string(domain.GenderUnknown), lang.L("case.vocab.gender.NonSpecifiedUnknown")},
	}
}

func ageMethodOptions() []option {
	return []option{
		{string(domain.AgeSelfReported), lang.L("case.vocab.ageMethod.self-reported")},
		{string(domain.AgeDocument), lang.L("case.vocab.ageMethod.document")},
		{string(domain.AgeAppearance), lang.L("case.vocab.ageMethod.appearance")},
		{string(domain.AgeMedical), lang.L("case.vocab.ageMethod.medical")},
		{string(domain.AgeOther), lang.L("case.vocab.ageMethod.other")},
	}
}

func statusOptions() []option {
	return []option{
		{string(domain.StatusActive), lang.L("case.vocab.status.active")},
		{string(domain.StatusFollowUp), lang.L("case.vocab.status.follow-up")},
		{string(domain.StatusClosed), lang.L("case.vocab.status.closed")},
		{string(domain.StatusClosedReferred), lang.L("case.vocab.status.closed-referred")},
	}
}

// stageOptions are the steps of the procedure a case can be put at by
// hand: "closed" is reached by closing the case.
func stageOptions() []option {
	return []option{
		{string(domain.StageIdentification), lang.L("case.vocab.stage.identification")},
		{string(domain.StageAssistance), lang.L("case.vocab.stage.assistance")},
		{string(domain.StageReferral), lang.L("case.vocab.stage.referral")},
		{string(domain.StageInvestigation), lang.L("case.vocab.stage.investigation")},
		{string(domain.StageReintegration), lang.L("case.vocab.stage.reintegration")},
	}
}

func stageLabel(s domain.Stage) string {
	if s == domain.StageClosed {
		return lang.L("case.vocab.stage.closed")
	}
	return optionLabel(stageOptions(), string(s))
}

func priorityOptions() []option {
	return []option{
		{string(domain.PriorityHigh), lang.L("case.vocab.priority.high")},
		{string(domain.PriorityNormal), lang.L("case.vocab.priority.normal")},
		{string(domain.PriorityLow), lang.L("case.vocab.priority.low")},
	}
}

func educationOptions() []option {
	return []option{
		{"EarlyChildhoodEducation", lang.L("case.vocab.education.EarlyChildhoodEducation")},
		{"PrimaryEducation", lang.L("case.vocab.education.PrimaryEducation")},
		{"LowerSecondaryEducation", lang.L("case.vocab.education.LowerSecondaryEducation")},
		{"UpperSecondaryEducation", lang.L("case.vocab.education.UpperSecondaryEducation")},
		{"PostSecondaryNonTertiaryEducation", lang.L("case.vocab.education.PostSecondaryNonTertiaryEducation")},
		{"ShortCycleTertiaryEducation", lang.L("case.vocab.education.ShortCycleTertiaryEducation")},
		{"BachelorsOrEquivalentLevel", lang.L("case.vocab.education.BachelorsOrEquivalentLevel")},
		{"MastersOrEquivalentLevel", lang.L("case.vocab.education.MastersOrEquivalentLevel")},
		{"DoctoralOrEquivalentLevel", lang.L("case.vocab.education.DoctoralOrEquivalentLevel")},
	}
}

func maritalOptions() []option {
	return []option{
		{"Single", lang.L("case.vocab.maritalStatus.Single")},
		{"Married", lang.L("case.vocab.maritalStatus.Married")},
		{"Widowed", lang.L("case.vocab.maritalStatus.Widowed")},
		{"Divorced", lang.L("case.vocab.maritalStatus.Divorced")},
		{"Separated", lang.L("case.vocab.maritalStatus.Separated")},
		{"RegisteredPartnership", lang.L("case.vocab.maritalStatus.RegisteredPartnership")},
	}
}

func documentKindOptions() []option {
	return []option{
		{"passport", lang.L("case.vocab.documentKind.passport")},
		{"national-id", lang.L("case.vocab.documentKind.national-id")},
		{"birth-certificate", lang.L("case.vocab.documentKind.birth-certificate")},
		{"residence-permit", lang.L("case.vocab.documentKind.residence-permit")},
		{"other", lang.L("case.vocab.documentKind.other")},
	}
}

func heldByOptions() []option {
	return []option{
		{"person", lang.L("case.vocab.heldBy.person")},
		{"trafficker", lang.L("case.vocab.heldBy.trafficker")},
		{"office", lang.L("case.vocab.heldBy.office")},
		{"police", lang.L("case.vocab.heldBy.police")},
		{"unknown", lang.L("case.vocab.heldBy.unknown")},
	}
}

func guardianRelationOptions() []option {
	return []option{
		{"mother", lang.L("case.vocab.guardianRelation.mother")},
		{"father", lang.L("case.vocab.guardianRelation.father")},
		{"relative", lang.L("case.vocab.guardianRelation.relative")},
		{"appointed-guardian", lang.L("case.vocab.guardianRelation.appointed-guardian")},
		{"social-worker", lang.L("case.vocab.guardianRelation.social-worker")},
		{"other", lang.L("case.vocab.guardianRelation.other")},
	}
}

func biaPriorityOptions() []option {
	return []option{
		{string(domain.BIAWithin2Days), lang.L("case.vocab.biaPriority.2-days")},
		{string(domain.BIAWithin1Week), lang.L("case.vocab.biaPriority.1-week")},
		{string(domain.BIAWithin30Days), lang.L("case.vocab.biaPriority.30-days")},
		{string(domain.BIANonUrgent), lang.L("case.vocab.biaPriority.non-urgent")},
	}
}

// biaRecommendationOptions follows domain.BIARecommendations.
func biaRecommendationOptions() []option {
	labels := map[string]string{
		"local-integration":       lang.L("case.vocab.biaRecommendation.local-integration"),
		"keep-care-arrangement":   lang.L("case.vocab.biaRecommendation.keep-care-arrangement"),
		"change-care-arrangement": lang.L("case.vocab.biaRecommendation.change-care-arrangement"),
		"medical":                 lang.L("case.vocab.biaRecommendation.medical"),
		"return":                  lang.L("case.vocab.biaRecommendation.return"),
		"resettlement":            lang.L("case.vocab.biaRecommendation.resettlement"),
		"family-reunification":    lang.L("case.vocab.biaRecommendation.family-reunification"),
	}
	return fromDomainList(domain.BIARecommendations, labels)
}

// fromDomainList keeps the order of a domain list, labelling each value.
func fromDomainList(values []string, labels map[string]string) []option {
	out := make([]option, 0, len(values))
	for _, v := range values {
		l, ok := labels[v]
		if !ok {
			l = v
		}
		out = append(out, option{v, l})
	}
	return out
}

func traffickingStatusOptions() []option {
	return []option{
		{string(domain.TraffickingPossible), lang.L("case.vocab.traffickingStatus.PossibleVictimOfTrafficking")},
		{string(domain.TraffickingActual), lang.L("case.vocab.traffickingStatus.ActualVictimOfTrafficking")},
		{string(domain.TraffickingNot), lang.L("case.vocab.traffickingStatus.NotAVictimOfTrafficking")},
	}
}

func decidedByOptions() []option {
	return []option{
		{"Police", lang.L("case.vocab.decidedBy.Police")},
		{"NGO", lang.L("case.vocab.decidedBy.NGO")},
		{"CourtOrProsecution", lang.L("case.vocab.decidedBy.CourtOrProsecution")},
		{"NonPoliceGovernmentalOrganization", lang.L("case.vocab.decidedBy.NonPoliceGovernmentalOrganization")},
		{"Other", lang.L("case.vocab.decidedBy.Other")},
	}
}

func relationshipOptions() []option {
	return []option{
		{"Familial", lang.L("case.vocab.relationship.Familial")},
		{"Acquainted", lang.L("case.vocab.relationship.Acquainted")},
		{"Unaquainted", lang.L("case.vocab.relationship.Unaquainted")},
	}
}

func recruitmentOptions() []option {
	return []option{
		{"AtAPlaceOfBusiness", lang.L("case.vocab.recruitment.AtAPlaceOfBusiness")},
		{"AtAnEducationalInstitution", lang.L("case.vocab.recruitment.AtAnEducationalInstitution")},
		{"AtWork", lang.L("case.vocab.recruitment.AtWork")},
		{"ThroughOnlineSocialNetworks", lang.L("case.vocab.recruitment.ThroughOnlineSocialNetworks")},
		{"ThroughAnOnlineAdvertisement", lang.L("case.vocab.recruitment.ThroughAnOnlineAdvertisement")},
		{"ThroughATelevisionAdvert", lang.L("case.vocab.recruitment.ThroughATelevisionAdvert")},
		{"ThroughANewspaperAdvert", lang.L("case.vocab.recruitment.ThroughANewspaperAdvert")},
		{"ThroughFamilyOrFamilyEvents", lang.L("case.vocab.recruitment.ThroughFamilyOrFamilyEvents")},
		{"ThroughFriendsOrSocialEvents", lang.L("case.vocab.recruitment.ThroughFriendsOrSocialEvents")},
		{"Other", lang.L("case.vocab.recruitment.Other")},
	}
}

func controlOptions() []option {
	return []option{
		{"PhysicalThreats", lang.L("case.vocab.control.PhysicalThreats")},
		{"ThreatsLawEnforcement", lang.L("case.vocab.control.ThreatsLawEnforcement")},
		{"ThreatensChildrenFamily", lang.L("case.vocab.control.ThreatensChildrenFamily")},
		{"DebtBondage", lang.L("case.vocab.control.DebtBondage")},
		{"FalsePromises", lang.L("case.vocab.control.FalsePromises")},
		{"PhysicalAbuse", lang.L("case.vocab.control.PhysicalAbuse")},
		{"SexualAbuse", lang.L("case.vocab.control.SexualAbuse")},
		{"TakesEarnings", lang.L("case.vocab.control.TakesEarnings")},
		{"RestrictsFinancialAccess", lang.L("case.vocab.control.RestrictsFinancialAccess")},
		{"RestrictsMedicalCare", lang.L("case.vocab.control.RestrictsMedicalCare")},
		{"WithholdsNecessities", lang.L("case.vocab.control.WithholdsNecessities")},
		{"PsychologicalAbuse", lang.L("case.vocab.control.PsychologicalAbuse")},
		{"PsychoactiveSubstance", lang.L("case.vocab.control.PsychoactiveSubstance")},
		{"ExcessiveWorkingHours", lang.L("case.vocab.control.ExcessiveWorkingHours")},
		{"WithholdsDocuments", lang.L("case.vocab.control.WithholdsDocuments")},
		{"Other", lang.L("case.vocab.control.Other")},
	}
}

func exploitationOptions() []option {
	return []option{
		{"ForcedLabour", lang.L("case.vocab.exploitation.ForcedLabour")},
		{"SexualExploitation", lang.L("case.vocab.exploitation.SexualExploitation")},
		{"ChildLabour", lang.L("case.vocab.exploitation.ChildLabour")},
		{"ForcedMarriage", lang.L("case.vocab.exploitation.ForcedMarriage")},
		{"Servitude", lang.L("case.vocab.exploitation.Servitude")},
		{"ForcedMilitaryByNonStateActors", lang.L("case.vocab.exploitation.ForcedMilitaryByNonStateActors")},
		{"OrganRemoval", lang.L("case.vocab.exploitation.OrganRemoval")},
		{"ForcedBegging", lang.L("case.vocab.exploitation.ForcedBegging")},
		{"ForcedAdoption", lang.L("case.vocab.exploitation.ForcedAdoption")},
		{"Surrogacy", lang.L("case.vocab.exploitation.Surrogacy")},
		{"Other", lang.L("case.vocab.exploitation.Other")},
	}
}

func labourSectorOptions() []option {
	return []option{
		{"A_AgricultureForestryAndFishing", lang.L("case.vocab.labourSector.A_AgricultureForestryAndFishing")},
		{"B_MiningAndQuarrying", lang.L("case.vocab.labourSector.B_MiningAndQuarrying")},
		{"C_Manufacturing", lang.L("case.vocab.labourSector.C_Manufacturing")},
		{"D_ElectricityGasSteamAndAirConditioningSupply", lang.L("case.vocab.labourSector.D_ElectricityGasSteamAndAirConditioningSupply")},
		{"E_WaterSupplySewerageWasteManagement", lang.L("case.vocab.labourSector.E_WaterSupplySewerageWasteManagement")},
		{"F_Construction", lang.L("case.vocab.labourSector.F_Construction")},
		{"G_WholesaleAndRetailTradeRepairOfMotorVehicles", lang.L("case.vocab.labourSector.G_WholesaleAndRetailTradeRepairOfMotorVehicles")},
		{"H_TransportationAndStorage", lang.L("case.vocab.labourSector.H_TransportationAndStorage")},
		{"I_AccommodationAndFoodServiceActivities", lang.L("case.vocab.labourSector.I_AccommodationAndFoodServiceActivities")},
		{"J_InformationAndCommunication", lang.L("case.vocab.labourSector.J_InformationAndCommunication")},
		{"K_FinancialAndInsuranceActivities", lang.L("case.vocab.labourSector.K_FinancialAndInsuranceActivities")},
		{"L_RealEstateActivities", lang.L("case.vocab.labourSector.L_RealEstateActivities")},
		{"M_ProfessionalScientificAndTechnicalActivities", lang.L("case.vocab.labourSector.M_ProfessionalScientificAndTechnicalActivities")},
		{"N_AdministrativeAndSupportServiceActivities", lang.L("case.vocab.labourSector.N_AdministrativeAndSupportServiceActivities")},
		{"O_PublicAdministrationAndDefence", lang.L("case.vocab.labourSector.O_PublicAdministrationAndDefence")},
		{"P_Education", lang.L("case.vocab.labourSector.P_Education")},
		{"Q_HumanHealthAndSocialWorkActivities", lang.L("case.vocab.labourSector.Q_HumanHealthAndSocialWorkActivities")},
		{"R_ArtsEntertainmentAndRecreation", lang.L("case.vocab.labourSector.R_ArtsEntertainmentAndRecreation")},
		{"S_OtherServiceActivities", lang.L("case.vocab.labourSector.S_OtherServiceActivities")},
		{"T_ActivitiesOfHouseholdsAsEmployers", lang.L("case.vocab.labourSector.T_ActivitiesOfHouseholdsAsEmployers")},
		{"U_ActivitiesOfExtraterritorialOrganizations", lang.L("case.vocab.labourSector.U_ActivitiesOfExtraterritorialOrganizations")},
	}
}

func sexExploitationOptions() []option {
	return []option{
		{"Prostitution", lang.L("case.vocab.sexExploitation.Prostitution")},
		{"Pornography", lang.L("case.vocab.sexExploitation.Pornography")},
		{"RemoteInteractiveServices", lang.L("case.vocab.sexExploitation.RemoteInteractiveServices")},
		{"PrivateSexualServices", lang.L("case.vocab.sexExploitation.PrivateSexualServices")},
	}
}

// appOptions are the websites and apps of HTCDS. Their names are brands,
// the same in every language; only "Other" is translated.
func appOptions() []option {
	return []option{
		{"Facebook", "Facebook"}, {"FacebookMessenger", "Facebook Messenger"}, {"WhatsApp", "WhatsApp"},
		{"Instagram", "Instagram"}, {"TikTok", "TikTok"}, {"Telegram", "Telegram"}, {"Viber", "Viber"},
		{"SnapChat", "Snapchat"}, {"Twitter", "Twitter (X)"}, {"Line", "Line"}, {"WeChat", "WeChat"},
		{"QQ", "QQ"}, {"QZone", "Qzone"}, {"4Sale", "4Sale"},
		{"Other", lang.L("case.vocab.app.Other")},
	}
}

func eventTypeOptions() []option {
	return []option{
		{"Recruitment", lang.L("case.vocab.eventType.Recruitment")},
		{"Transit", lang.L("case.vocab.eventType.Transit")},
		{"Exploitation", lang.L("case.vocab.eventType.Exploitation")},
	}
}

func planTypeOptions() []option {
	return []option{
		{"Education", lang.L("case.vocab.planType.Education")},
		{"Financial", lang.L("case.vocab.planType.Financial")},
		{"Health", lang.L("case.vocab.planType.Health")},
		{"LabourExploitationRehabilitation", lang.L("case.vocab.planType.LabourExploitationRehabilitation")},
		{"Legal", lang.L("case.vocab.planType.Legal")},
		{"Livelihood", lang.L("case.vocab.planType.Livelihood")},
		{"RightsBasedTraining", lang.L("case.vocab.planType.RightsBasedTraining")},
		{"SexualExploitationRehabilitation", lang.L("case.vocab.planType.SexualExploitationRehabilitation")},
		{"SocialCare", lang.L("case.vocab.planType.SocialCare")},
	}
}

// serviceTypeOptions follows domain.ServiceTypes.
func serviceTypeOptions() []option {
	labels := map[string]string{
		"psychosocial":   lang.L("case.vocab.service.psychosocial"),
		"health":         lang.L("case.vocab.service.health"),
		"shelter":        lang.L("case.vocab.service.shelter"),
		"safety":         lang.L("case.vocab.service.safety"),
		"legal":          lang.L("case.vocab.service.legal"),
		"family-tracing": lang.L("case.vocab.service.family-tracing"),
		"child-care":     lang.L("case.vocab.service.child-care"),
		"education":      lang.L("case.vocab.service.education"),
		"livelihoods":    lang.L("case.vocab.service.livelihoods"),
		"cash":           lang.L("case.vocab.service.cash"),
		"food-nfi":       lang.L("case.vocab.service.food-nfi"),
		"documentation":  lang.L("case.vocab.service.documentation"),
		"return":         lang.L("case.vocab.service.return"),
		"other":          lang.L("case.vocab.service.other"),
	}
	return fromDomainList(domain.ServiceTypes, labels)
}

func closureReasonOptions() []option {
	return []option{
		{string(domain.ClosedGoalsMet), lang.L("case.vocab.closure.goals-met")},
		{string(domain.ClosedReferred), lang.L("case.vocab.closure.referred")},
		{string(domain.ClosedReturned), lang.L("case.vocab.closure.returned")},
		{string(domain.ClosedDeclined), lang.L("case.vocab.closure.declined")},
		{string(domain.ClosedLostContact), lang.L("case.vocab.closure.lost-contact")},
		{string(domain.ClosedNotTrafficked), lang.L("case.vocab.closure.not-trafficked")},
		{string(domain.ClosedDeceased), lang.L("case.vocab.closure.deceased")},
		{string(domain.ClosedOther), lang.L("case.vocab.closure.other")},
	}
}

func vulnerabilityOptions() []option {
	return []option{
		{"Addiction", lang.L("case.vocab.vulnerability.Addiction")},
		{"SocialGroup", lang.L("case.vocab.vulnerability.SocialGroup")},
		{"Discrimination", lang.L("case.vocab.vulnerability.Discrimination")},
		{"Poverty", lang.L("case.vocab.vulnerability.Poverty")},
		{"DisabilityAndPhysicalHealth", lang.L("case.vocab.vulnerability.DisabilityAndPhysicalHealth")},
		{"MentalHealth", lang.L("case.vocab.vulnerability.MentalHealth")},
		{"Migration", lang.L("case.vocab.vulnerability.Migration")},
		{"Homelessness", lang.L("case.vocab.vulnerability.Homelessness")},
		{"AbuseSocialMedia", lang.L("case.vocab.vulnerability.AbuseSocialMedia")},
		{"AbusePhysical", lang.L("case.vocab.vulnerability.AbusePhysical")},
		{"Education", lang.L("case.vocab.vulnerability.Education")},
		{"WorkEnvironment", lang.L("case.vocab.vulnerability.WorkEnvironment")},
	}
}

// roleOptions are the roles a perpetrator played (per_RoleInProcess).
func roleOptions() []option {
	return []option{
		{"TravellingPartner", lang.L("case.vocab.role.TravellingPartner")},
		{"Transporter", lang.L("case.vocab.role.Transporter")},
		{"RecruiterOrIntermediary", lang.L("case.vocab.role.RecruiterOrIntermediary")},
		{"BrokerTravelAgent", lang.L("case.vocab.role.BrokerTravelAgent")},
		{"TransferredIndividual", lang.L("case.vocab.role.TransferredIndividual")},
		{"HarbouredIndividual", lang.L("case.vocab.role.HarbouredIndividual")},
		{"SoldIndividual", lang.L("case.vocab.role.SoldIndividual")},
		{"BoughtIndividual", lang.L("case.vocab.role.BoughtIndividual")},
		{"ReceivedIndividual", lang.L("case.vocab.role.ReceivedIndividual")},
		{"ControlledIndividual", lang.L("case.vocab.role.ControlledIndividual")},
		{"Smuggler", lang.L("case.vocab.role.Smuggler")},
		{"Abuser", lang.L("case.vocab.role.Abuser")},
		{"Kidnapper", lang.L("case.vocab.role.Kidnapper")},
		{"Exploiter", lang.L("case.vocab.role.Exploiter")},
		{"Other", lang.L("case.vocab.role.Other")},
	}
}
