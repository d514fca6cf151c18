package letter

import (
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// The sample documents of the tests: a child's referral with every part
// filled, a consent form, a case summary; free text in each language with
// its accents, as a worker would type it.

var (
	sampleCreated = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	sampleDate    = time.Date(2026, 11, 27, 14, 5, 0, 0, time.UTC)
)

// sampleFree is free text as typed in each language.
var sampleFree = map[string]struct {
	reason, notInformed, disability, role, hours, contact string
}{
	"en": {
		reason:      "Fatoumata was found at the bus station in Praia after escaping from a house where she worked without pay. She needs a safe place tonight and a medical check-up; she asked for a woman worker.",
		notInformed: "The aunt who sent her to work may be involved; the child asked that she not be told yet.",
		disability:  "Partial hearing loss in the left ear",
		role:        "Child protection officer",
		hours:       "Monday to Friday, 8:00–17:00; emergencies 24 hours",
		contact:     "+238 991 23 45 (through the shelter)",
	},
	"fr": {
		reason:      "Fatoumata a été trouvée à la gare routière de Praia après s’être enfuie d’une maison où elle travaillait sans être payée. Elle a besoin d’un hébergement sûr dès ce soir et d’un examen médical ; elle a demandé à être suivie par une femme.",
		notInformed: "La tante qui l’a envoyée travailler pourrait être impliquée ; l’enfant a demandé qu’elle ne soit pas encore prévenue.",
		disability:  "Perte partielle de l’audition à l’oreille gauche",
		role:        "Agente de protection de l’enfance",
		hours:       "Du lundi au vendredi, 8 h – 17 h ; urgences 24 h sur 24",
		contact:     "+238 991 23 45 (par le centre d’hébergement)",
	},
	"pt": {
		reason:      "A Fatoumata foi encontrada na estação rodoviária da Praia depois de fugir de uma casa onde trabalhava sem receber. Precisa de um lugar seguro já esta noite e de uma consulta médica; pediu para ser acompanhada por uma técnica.",
		notInformed: "A tia que a mandou trabalhar pode estar envolvida; a criança pediu que ainda não fosse informada.",
		disability:  "Perda parcial de audição no ouvido esquerdo",
		role:        "Técnica de proteção da criança",
		hours:       "De segunda a sexta, 8h00–17h00; urgências 24 horas",
		contact:     "+238 991 23 45 (através do centro de acolhimento)",
	},
}

func samplePartner(lang string) domain.Partner {
	return domain.Partner{
		Name:      "Centro de Acolhimento Nôs Kaza – São Filipe",
		Type:      "NGO",
		Languages: []string{lang},
		Address:   "Rua Dr. António Aurélio Gonçalves 12, São Filipe, Fogo",
		Contact:   "Dona Filomena Tavares, coordenadora",
		Phone:     "+238 281 00 00",
		Email:     "acolhimento@example.cv",
		Hours:     sampleFree[lang].hours,
	}
}

// sampleReferral is a child's emergency referral with every part filled.
func sampleReferral(lang string) ReferralLetter {
	f := sampleFree[lang]
	return ReferralLetter{
		Office:   sampleOffice(),
		Lang:     lang,
		Number:   "CV-PRA-2026-0041-R2",
		Date:     sampleDate,
		Priority: domain.ReferralEmergency,
		Due:      sampleDate.Add(24 * time.Hour),
		Partner:  samplePartner(lang),
		Person: PersonFacts{
			CaseCode:    "CV-PRA-2026-0041",
			Name:        "Fatoumata Binta Baldé",
			BirthDate:   "2011-03-14",
			Gender:      string(domain.GenderFeminine),
			Languages:   []string{"ff", "pov", "pt"},
			Nationality: []string{"GW"},
			Disability:  f.disability,
			Contact:     f.contact,
		},
		Child: &ChildFacts{
			GuardianName:     "Aïssatou Baldé",
			GuardianRelation: "relative",
			Separated:        true,
			GuardianInformed: "no",
			NotInformedWhy:   f.notInformed,
		},
		Reason:   f.reason,
		Services: []string{"shelter", "health", "psychosocial", "family-tracing"},
		Given:    []string{"food-nfi", "psychosocial"},
		Consents: []ConsentFacts{
			{Purpose: domain.ConsentReferral, GivenBy: domain.GivenByPerson, Method: domain.ConsentVerbal, GivenOn: "2026-11-27",
				Services: []string{"shelter", "health", "psychosocial", "family-tracing"}},
			{Purpose: domain.ConsentReferral, GivenBy: domain.GivenBySocialWorker, GiverName: "Maria José Évora", Method: domain.ConsentWritten, GivenOn: "2026-11-27",
				Services: []string{"shelter", "health", "psychosocial", "family-tracing"}},
			{Purpose: domain.ConsentSharing, GivenBy: domain.GivenBySocialWorker, GiverName: "Maria José Évora", Method: domain.ConsentWritten, GivenOn: "2026-11-27",
				Shares: []string{"name", "birth-date", "contact", "languages", "guardian", "health"}},
		},
		Worker: Worker{
			Name:  "Maria José Évora",
			Role:  f.role,
			Phone: "+238 260 00 01",
			Email: "m.evora@example.cv",
		},
		Created: sampleCreated,
	}
}

// sampleConsent is a child's consent form naming the partner and what
// the referral and the sharing are for.
func sampleConsent(lang string) ConsentForm {
	return ConsentForm{
		Office:   sampleOffice(),
		Lang:     lang,
		CaseCode: "CV-PRA-2026-0041",
		Name:     "Fatoumata Binta Baldé",
		Child:    true,
		Partner:  "Centro de Acolhimento Nôs Kaza – São Filipe",
		Services: []string{"shelter", "health", "psychosocial"},
		Shares:   []string{"name", "birth-date", "guardian", "health"},
		Created:  sampleCreated,
	}
}

// sampleSummaryFree is the case summary's free text in each language.
var sampleSummaryFree = map[string]struct {
	narrative, objectives, actions, safety, bia, followUp, details, guide string
}{
	"en": {
		narrative:  "She was promised a job as a nanny in Praia. When she arrived, her papers were taken and she worked from five in the morning until late at night, without pay.",
		objectives: "A safe place to live, back to school, and contact with her mother in Bafatá if it is safe.",
		actions:    "Shelter placement; medical check-up; family tracing through the Red Cross.",
		safety:     "The employer knows the neighbourhood of the shelter.",
		bia:        "Return only after a home visit confirms it is safe.",
		followUp:   "Home visit with the shelter's social worker",
		details:    "met her at the border and took her passport",
		guide:      "First interview with a child",
	},
	"fr": {
		narrative:  "On lui avait promis un emploi de nourrice à Praia. À son arrivée, on lui a pris ses papiers et elle a travaillé de cinq heures du matin jusqu’à tard le soir, sans être payée.",
		objectives: "Un endroit sûr où vivre, le retour à l’école, et un contact avec sa mère à Bafatá si c’est sans danger.",
		actions:    "Placement en centre d’hébergement ; examen médical ; recherche familiale par la Croix-Rouge.",
		safety:     "L’employeuse connaît le quartier du centre d’hébergement.",
		bia:        "Retour seulement après une visite à domicile confirmant qu’il est sans danger.",
		followUp:   "Visite à domicile avec la travailleuse sociale du centre",
		details:    "l’a accueillie à la frontière et lui a pris son passeport",
		guide:      "Premier entretien avec un enfant",
	},
	"pt": {
		narrative:  "Prometeram-lhe um emprego de ama na Praia. Quando chegou, tiraram-lhe os documentos e trabalhava das cinco da manhã até tarde da noite, sem receber.",
		objectives: "Um lugar seguro para viver, voltar à escola e contacto com a mãe em Bafatá, se for seguro.",
		actions:    "Acolhimento no centro; consulta médica; localização da família através da Cruz Vermelha.",
		safety:     "A empregadora conhece o bairro do centro de acolhimento.",
		bia:        "Regresso apenas depois de uma visita domiciliária confirmar que é seguro.",
		followUp:   "Visita domiciliária com a técnica do centro",
		details:    "recebeu-a na fronteira e ficou com o passaporte dela",
		guide:      "Primeira entrevista com uma criança",
	},
}

// sampleSummary is a child's case with every part filled.
func sampleSummary(lang string) CaseSummary {
	f := sampleSummaryFree[lang]
	r := sampleReferral(lang)
	c := domain.Case{
		Code:     "CV-PRA-2026-0041",
		Status:   domain.StatusActive,
		Stage:    domain.StageReferral,
		Priority: domain.PriorityHigh,
		OpenedOn: "2026-11-20",
		Person: domain.Person{
			FirstName: "Fatoumata", MiddleName: "Binta", LastName: "Baldé",
			Aliases:     []string{"Tata"},
			Gender:      domain.GenderFeminine,
			BirthDate:   "2011-03-14",
			Citizenship: []string{"GW"}, Languages: []string{"ff", "pov", "pt"},
			Education: "PrimaryEducation", MaritalStatus: "Single",
			Disability:     sampleFree[lang].disability,
			Documents:      []domain.DocumentHeld{{Kind: "passport", Number: "GW1234567", HeldBy: "trafficker"}},
			ContactConsent: true, Phone: "+238 991 23 45",
		},
		Child: domain.ChildProtection{
			Guardian:  domain.Guardian{Name: "Aïssatou Baldé", Relation: "relative", Contact: "+245 955 00 00"},
			Separated: true,
			BIA: &domain.BestInterests{Priority: domain.BIAWithin1Week, Recommendations: []string{"family-reunification", "medical"},
				AssessedOn: "2026-11-24", AssessedBy: "Maria José Évora", Notes: f.bia},
		},
		Trafficking: domain.Trafficking{
			Status: domain.TraffickingPossible, DecidedBy: "NGO", Relationship: "Acquainted", AgeWhenTrafficked: 14,
			Recruitment: []string{"ThroughFamilyOrFamilyEvents"}, Control: []string{"WithholdsDocuments", "TakesEarnings", "ExcessiveWorkingHours"},
			Exploitation: []string{"ChildLabour", "Servitude"}, LabourSector: "T_ActivitiesOfHouseholdsAsEmployers",
			RecruitmentApps: []string{"WhatsApp", "FacebookMessenger"},
			Vulnerabilities: []string{"Poverty", "Migration"},
			Narrative:       f.narrative,
		},
		Events: []domain.TraffickingEvent{
			{Type: "Recruitment", Country: "GW", Place: "Bafatá", From: "2025-06"},
			{Type: "Exploitation", Country: "CV", Place: "Praia", From: "2025-07-01", To: "2026-11-19"},
		},
		Perpetrators: []domain.Perpetrator{{Roles: []string{"RecruiterOrIntermediary", "Transporter"}, Details: f.details}},
		Plan:         domain.CasePlan{Types: []string{"SocialCare", "Education", "Health"}, Objectives: f.objectives, Actions: f.actions, PlannedEnd: "2027-05-31"},
		Services: []domain.ServiceGiven{
			{Type: "food-nfi", Date: "2026-11-20", Provider: "ICCA Praia"},
			{Type: "psychosocial", Date: "2026-11-21", Provider: "ICCA Praia"},
		},
		FollowUps: []domain.FollowUp{
			{Due: "2026-11-24", Done: "2026-11-24", Notes: f.followUp},
			{Due: "2026-11-26", Notes: f.followUp},
			{Due: "2026-12-04", Notes: f.followUp},
		},
		Safety: domain.SafetyCheck{ImmediateDanger: "no", TraffickerContact: "yes", ThreatsToFamily: "no", SafePlaceTonight: "yes",
			Level: "high", Notes: f.safety},
		Screenings: []domain.Screening{{SetID: "child-labour", Flag: true, Carried: []string{"deceptive-recruitment"},
			At: time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)}},
	}
	return CaseSummary{
		Office:   sampleOffice(),
		Lang:     lang,
		Case:     c,
		Consents: r.Consents,
		Referrals: []ReferralLine{{Number: "CV-PRA-2026-0041-R2", Partner: r.Partner.Name, Services: r.Services,
			Priority: domain.ReferralEmergency, State: domain.ReferralSent, SentOn: "2026-11-27"}},
		Interviews: []InterviewLine{{On: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), Guide: f.guide,
			Outcome: domain.InterviewEndedEarly, Phases: 3}},
		Worker:  r.Worker,
		Created: sampleCreated,
	}
}
