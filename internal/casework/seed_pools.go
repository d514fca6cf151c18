package casework

import (
	"fmt"

	"github.com/amparo-app/amparo/internal/domain"
)

// What Seed makes cases from. The names are common given names and family
// names of the region, combined at random: no seeded case is a real
// person, and every narrative says so.

// seedRegion is where a made-up person comes from.
type seedRegion struct {
	country    string
	neighbours []string
	languages  [][]string
	female     []string
	male       []string
	last       []string
	alias      []string
	places     []string
	middle     float64 // how often a middle name is given
	phone      func(g *seeder) string
}

// seedPlace is a place in a country.
type seedPlace struct{ country, place string }

var caboVerde = &seedRegion{
	country:    "CV",
	neighbours: []string{"GW", "SN", "ST", "PT"},
	languages:  [][]string{{"pt", "kea"}, {"kea"}, {"kea", "pt"}},
	female: []string{"Maria", "Fátima", "Conceição", "Ana", "Joana", "Lúcia", "Graça", "Edna", "Célia", "Ivone",
		"Nádia", "Sónia", "Jéssica", "Denise", "Elisângela", "Márcia", "Antónia", "Filomena", "Zulmira", "Adélia",
		"Iolanda", "Eunice", "Djamila", "Arlinda", "Natércia"},
	male: []string{"José", "João", "António", "Manuel", "Carlos", "Pedro", "Nélson", "Edson", "Adilson", "Hélder",
		"Jailson", "Rúben", "Célio", "Lúcio", "Fábio", "Dário", "Valdir", "Amílcar", "Januário", "Ângelo",
		"Wilson", "Anilton", "Domingos", "Zeferino"},
	last: []string{"Tavares", "Semedo", "Fernandes", "Gomes", "Lopes", "Monteiro", "Pereira", "Varela", "Moreira",
		"Rodrigues", "Furtado", "da Silva", "Andrade", "Barros", "Cabral", "Delgado", "Évora", "Fortes", "Lima",
		"Mendes", "Correia", "Brito", "Duarte", "da Conceição", "Sanches", "Veiga", "Gonçalves", "Baptista",
		"dos Santos", "Borges", "Lobo", "Mascarenhas"},
	alias:  []string{"Nena", "Zézinho", "Tchutchu", "Djoy", "Bia", "Quinzinho", "Nhanha", "Tói", "Lela", "Djuca"},
	places: []string{"Praia", "Mindelo", "Santa Maria", "Assomada", "São Filipe", "Espargos", "Tarrafal", "Porto Novo", "Ribeira Grande", "Pedra Badejo"},
	middle: 0.35,
	phone: func(g *seeder) string {
		return fmt.Sprintf("+238 555 %02d %02d", g.r.IntN(100), g.r.IntN(100))
	},
}

var senegal = &seedRegion{
	country:    "SN",
	neighbours: []string{"GM", "GN", "ML", "GW", "MR"},
	languages:  [][]string{{"wo", "fr"}, {"wo"}, {"ff", "wo"}, {"fr", "wo"}, {"srr", "wo"}},
	female: []string{"Aïssatou", "Fatou", "Awa", "Mariama", "Ndèye", "Khady", "Adama", "Coumba", "Rokhaya", "Bineta",
		"Sokhna", "Astou", "Daba", "Yacine", "Maïmouna", "Ramatoulaye", "Dieynaba", "Ngoné", "Seynabou", "Oumou",
		"Aminata", "Fama", "Thiané", "Mame Diarra"},
	male: []string{"Mamadou", "Moussa", "Ousmane", "Cheikh", "Abdoulaye", "Ibrahima", "Modou", "Babacar", "Serigne",
		"Amadou", "Aliou", "Pape", "Lamine", "Souleymane", "Mbaye", "Saliou", "El Hadji", "Assane", "Omar", "Boubacar",
		"Alioune", "Djibril", "Malick"},
	last: []string{"Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Sarr", "Faye", "Guèye", "Bâ", "Mbaye", "Cissé", "Thiam",
		"Ndoye", "Sy", "Seck", "Diouf", "Kane", "Niang", "Camara", "Touré", "Wade", "Sène", "Dieng", "Mbengue",
		"Ndour", "Thiaw", "Kébé", "N'Diaye", "Badji", "Sagna"},
	alias:  []string{"Khadija", "Nabou", "Pa", "Baye Fall", "Modou Modou", "Gorgui", "Ya Awa", "Bébé", "Doudou", "Tapha"},
	places: []string{"Dakar", "Thiès", "Saint-Louis", "Kaolack", "Ziguinchor", "Touba", "Mbour", "Tambacounda", "Kédougou", "Rufisque"},
	middle: 0.1,
	phone: func(g *seeder) string {
		return fmt.Sprintf("+221 77 555 %02d %02d", g.r.IntN(100), g.r.IntN(100))
	},
}

// nigeria builds a Nigerian pool: a language group's names and the English
// given names common across the country.
func nigeria(languages [][]string, female, male, last, alias []string) *seedRegion {
	return &seedRegion{
		country:    "NG",
		neighbours: []string{"BJ", "NE", "CM", "TD", "GH"},
		languages:  languages,
		female:     append(female, "Blessing", "Precious", "Favour", "Joy", "Grace", "Esther", "Patience"),
		male:       append(male, "Godwin", "Samuel", "Emmanuel", "Daniel", "Victor", "Sunday", "Peter"),
		last:       last,
		alias:      alias,
		places: []string{"Lagos", "Ibadan", "Kano", "Benin City", "Enugu", "Abuja", "Onitsha", "Kaduna", "Abeokuta",
			"Port Harcourt", "Calabar", "Sokoto", "Owerri", "Osogbo"},
		middle: 0.3,
		phone: func(g *seeder) string {
			return fmt.Sprintf("+234 803 555 %04d", g.r.IntN(10_000))
		},
	}
}

var yoruba = nigeria([][]string{{"yo", "en"}, {"yo"}, {"pcm", "yo"}},
	[]string{"Fúnmiláyọ̀", "Títílayọ̀", "Bọ́láńlé", "Ọlábísí", "Yéwándé", "Fọláṣadé", "Adéọlá", "Ìbùkún", "Kẹ́hìndé",
		"Táíwò", "Àyìnkẹ́", "Mọ́rẹ́nikẹ́", "Adébáyọ̀", "Ayọ̀ọ̀lá", "Ṣadé"},
	[]string{"Adébáyọ̀", "Olúwáṣeun", "Babátúndé", "Oláwálé", "Kọ́lá", "Adéwálé", "Túndé", "Ayọ̀délé", "Ọládípọ̀",
		"Káyọ̀dé", "Dàpọ̀", "Ṣẹ́gun", "Fẹ́mi", "Kúnlé"},
	[]string{"Adéyẹmí", "Ògúnlẹ́yẹ", "Akínwálé", "Bámidélé", "Oyèlárán", "Adéníyì", "Fáṣọlá", "Àjàyí", "Ọláòṣebìkan",
		"Adébáyọ̀", "Ṣówọ̀nmí", "Ìdòwú", "Oyèwọlé", "Ọdúnsì", "Àlàbí"},
	[]string{"Bisi", "Tunde", "Yemi", "Kenny", "Sola", "Iya Basira"})

var igbo = nigeria([][]string{{"ig", "en"}, {"ig"}, {"pcm", "ig"}},
	[]string{"Ngozi", "Chiamaka", "Adaeze", "Chinwe", "Nneka", "Ifeoma", "Uchenna", "Obiageli", "Amarachi", "Ebere",
		"Chidinma", "Ọnyịnyẹchi", "Nkechi", "Ụzọamaka"},
	[]string{"Chinedu", "Emeka", "Obinna", "Ikenna", "Chukwuemeka", "Nnamdi", "Uche", "Kelechi", "Ifeanyi",
		"Tochukwu", "Chibuike", "Ọkwụdịlị", "Ebuka"},
	[]string{"Okafor", "Okonkwo", "Eze", "Nwosu", "Obi", "Chukwu", "Nwachukwu", "Okeke", "Onyeka", "Umeh", "Ibe",
		"Anyanwu", "Nwankwo", "Ezeh", "Ọkọrọ", "Ugwu", "Nnadi"},
	[]string{"Ada", "Nkem", "Emy", "Chichi", "Obi Boy", "Amaka"})

var hausa = nigeria([][]string{{"ha"}, {"ha", "en"}, {"ha", "ff"}},
	[]string{"Hauwa", "Aisha", "Zainab", "Fatima", "Hadiza", "Amina", "Maryam", "Rukayya", "Binta", "Halima",
		"Saadatu", "Ƙaltume", "Jummai", "Asabe"},
	[]string{"Musa", "Abubakar", "Ibrahim", "Usman", "Aliyu", "Sani", "Bello", "Yusuf", "Abdullahi", "Haruna",
		"Ɗanjuma", "Ɗanlami", "Garba", "Lawal", "Ƙabiru"},
	[]string{"Abdullahi", "Bello", "Ibrahim", "Musa", "Sani", "Garba", "Lawal", "Danladi", "Yakubu", "Shehu",
		"Ɗanjuma", "Mohammed", "Umar", "Kabir", "Ɓadamasi", "Tukur"},
	[]string{"Baba", "Mallam", "Indo", "Lami", "Hajiya Karama", "Audu"})

// regions are weighted by repetition.
var regions = []*seedRegion{caboVerde, caboVerde, caboVerde, senegal, senegal, senegal, yoruba, yoruba, igbo, igbo, hausa, hausa}

// seedDestinations are where people were exploited, in and beyond the region.
var seedDestinations = []seedPlace{
	{"CV", "Praia"}, {"CV", "Santa Maria"}, {"SN", "Dakar"}, {"SN", "Kédougou"}, {"NG", "Lagos"}, {"NG", "Kano"},
	{"GH", "Accra"}, {"CI", "Abidjan"}, {"ML", "Kayes"}, {"ML", "Bamako"}, {"GM", "Serekunda"}, {"GN", "Conakry"},
	{"BJ", "Cotonou"}, {"NE", "Agadez"}, {"LY", "Tripoli"}, {"MA", "Casablanca"}, {"ES", "Almería"}, {"IT", "Castel Volturno"},
	{"GA", "Libreville"}, {"GQ", "Malabo"},
}

// seedTransit are places people passed through.
var seedTransit = []seedPlace{
	{"ML", "Bamako"}, {"NE", "Niamey"}, {"NE", "Agadez"}, {"SN", "Tambacounda"}, {"GW", "Bissau"}, {"BJ", "Cotonou"},
	{"TG", "Lomé"}, {"MR", "Nouadhibou"}, {"BF", "Ouagadougou"},
}

// seedStages are weighted by repetition: most cases are early on.
var seedStages = []domain.Stage{
	domain.StageIdentification, domain.StageIdentification, domain.StageIdentification,
	domain.StageAssistance, domain.StageAssistance, domain.StageAssistance, domain.StageReferral, domain.StageReferral,
	domain.StageInvestigation, domain.StageReintegration, domain.StageClosed, domain.StageClosed,
}

var seedStreets = []string{"Rua 5 de Julho", "Avenida Cidade de Lisboa", "Rue 10 Médina", "Allée Papa Guèye Fall",
	"12 Adeola Street", "Plot 4, Zaria Road", "Bairro Achada Santo António", "Quartier HLM 5"}

var seedProviders = []string{"this office", "Centro de Emergência Infantil", "Shelter partner", "Hôpital régional",
	"Legal aid clinic", "ICCA", "Maison Rose", "State social welfare"}

var seedGuardianNames = []string{"Maria das Dores Tavares", "Fatou Ndiaye Sarr", "Ngozi Eze", "Awa Cissé",
	"Conceição Lopes", "Hadiza Garba", "Ibrahima Diallo", "João Baptista Semedo", "Títí Adéyẹmí", "Social worker on duty"}

var seedAppointers = []string{"juvenile court", "child protection service", "ICCA", "state social welfare", "tribunal pour enfants"}

var seedPromises = []string{
	"Promised work in a shop", "Promised schooling in the city", "Promised a job as a housemaid",
	"Offered a place in a Quranic school", "Promised a football trial abroad", "Promised work in a salon",
	"Promised marriage", "Told of well-paid work at a hotel", "Sent by relatives to an aunt",
}

var seedExploitWords = map[string][]string{
	"ForcedLabour":       {"made to work without pay", "kept working long hours on a farm", "made to work at a gold mine"},
	"SexualExploitation": {"sexually exploited", "forced to meet clients"},
	"ChildLabour":        {"made to sell goods on the street", "kept working in a market stall", "made to work in fields"},
	"ForcedMarriage":     {"married off without consent"},
	"Servitude":          {"kept as a domestic servant", "made to keep house without pay"},
	"ForcedBegging":      {"forced to beg in the streets"},
	"Other":              {"exploited"},
}

var seedAdultExploitation = []string{"ForcedLabour", "SexualExploitation", "Servitude", "ForcedMarriage", "Other"}
var seedChildExploitation = []string{"ChildLabour", "ForcedBegging", "Servitude", "SexualExploitation", "ForcedMarriage"}

var seedSectors = []string{
	"A_AgricultureForestryAndFishing", "B_MiningAndQuarrying", "F_Construction",
	"G_WholesaleAndRetailTradeRepairOfMotorVehicles", "I_AccommodationAndFoodServiceActivities",
	"T_ActivitiesOfHouseholdsAsEmployers",
}

var seedFound = []string{"at a police check on the road", "by a shelter's outreach team", "after calling a hotline",
	"by a neighbour who called the office", "at the border post", "by labour inspectors"}

var seedFollowUpNotes = []string{"Home visit", "School check", "Health appointment", "Call with guardian", "Court date support", "Review of the plan"}
