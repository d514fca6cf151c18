package letter

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// update rewrites the golden files: go test ./internal/letter -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden text files of the documents")

// caseDocs are the case documents with their sample input, by the name of
// their golden files.
var caseDocs = []struct {
	name   string
	render func(lang string) ([]byte, error)
}{
	{"referral", func(l string) ([]byte, error) { return ReferralLetterPDF(sampleReferral(l)) }},
	{"consent", func(l string) ([]byte, error) { return ConsentFormPDF(sampleConsent(l)) }},
	{"intake", func(l string) ([]byte, error) { return IntakeBlankPDF(sampleOffice(), l, sampleCreated) }},
	{"summary", func(l string) ([]byte, error) { return CaseSummaryPDF(sampleSummary(l)) }},
}

// Each document in each language reads back as its golden text: what a
// reader's viewer shows, laid out, every page. A change to a document shows
// as a change of its golden file in review.
func TestGoldenDocuments(t *testing.T) {
	for _, doc := range caseDocs {
		for _, lang := range i18n.Supported {
			t.Run(doc.name+"/"+lang, func(t *testing.T) {
				pdf, err := doc.render(lang)
				if err != nil {
					t.Fatal(err)
				}
				if !isPDF(pdf) {
					t.Fatal("output is not a PDF")
				}
				got := pdfText(t, pdf)
				path := filepath.Join("testdata", "golden", doc.name+"-"+lang+".txt")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/letter -run Golden -update to write it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from its golden file; if the change is meant, run go test ./internal/letter -run Golden -update\n%s",
						path, firstDifference(string(want), got))
				}
			})
		}
	}
}

// firstDifference shows the first line where got differs from want.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n want: " + a + "\n  got: " + b
		}
	}
	return ""
}

// Text without a key of the texts: a missing translation shows as its key.
var keyLike = regexp.MustCompile(`\b(ref|consent|intake|sum|common|case\.vocab|case)\.[a-zA-Z.]+[a-z]\b`)

// Every document in every language: its accents come out as they went in,
// no text is a bare key, every word lies within the page's margins, every
// font is embedded, and no section heading is left alone at the bottom of
// a page.
func TestDocumentsReadBack(t *testing.T) {
	accents := map[string][]string{
		"referral-en": {"Fatoumata Binta Baldé", "Maria José Évora", "Nôs Kaza – São Filipe", "Aïssatou Baldé"},
		"referral-fr": {"Fiche de référencement", "Personne référée", "Protection de l’enfant", "Référencement vers un partenaire pour des services",
			"Merci d’agir au plus tard le 28 novembre 2026 à 14:05.", "Réponse de l’organisation destinataire", "Fatoumata a été trouvée à la gare routière"},
		"referral-pt": {"Ficha de encaminhamento", "Pessoa encaminhada", "Proteção da criança", "Serviços já prestados",
			"Pede-se que atue até 28 de novembro de 2026, às 14:05.", "Resposta da entidade destinatária", "Precisa de um lugar seguro já esta noite"},
		"consent-en": {"Consent form", "Fatoumata Binta Baldé", "Nôs Kaza – São Filipe"},
		"consent-fr": {"Formulaire de consentement", "Acceptez-vous ce référencement vers Centro de Acolhimento Nôs Kaza – São Filipe ?",
			"Vous pouvez dire non, ou changer d’avis plus tard : vous recevrez quand même notre aide.", "Lien avec l’enfant"},
		"consent-pt": {"Formulário de consentimento", "Aceita o encaminhamento para Centro de Acolhimento Nôs Kaza – São Filipe?",
			"Pode dizer não, ou mudar de ideias mais tarde: continua a receber a nossa ajuda.", "Relação com a criança"},
		"intake-en":  {"Intake form (paper)", "Who the person is"},
		"intake-fr":  {"Formulaire d’accueil (papier)", "Qui est la personne", "Séparé de ses parents", "Sécurité", "Premiers besoins"},
		"intake-pt":  {"Ficha de registo (papel)", "Proteção da criança", "Situação e contactos", "Segurança", "Primeiras necessidades"},
		"summary-en": {"CONFIDENTIAL", "Case summary", "Fatoumata Binta Baldé"},
		"summary-fr": {"CONFIDENTIEL", "Résumé du cas", "Évaluation de l’intérêt supérieur", "Vérification de sécurité", "Repérage", "Référencements"},
		"summary-pt": {"CONFIDENCIAL", "Resumo do caso", "Avaliação do superior interesse", "Verificação de segurança", "Triagem", "Encaminhamentos"},
	}
	for _, doc := range caseDocs {
		for _, lang := range i18n.Supported {
			t.Run(doc.name+"/"+lang, func(t *testing.T) {
				pdf, err := doc.render(lang)
				if err != nil {
					t.Fatal(err)
				}
				text := pdfText(t, pdf)
				assertContains(t, text, accents[doc.name+"-"+lang]...)
				if k := keyLike.FindString(text); k != "" {
					t.Errorf("text %q looks like a key without a text", k)
				}
				assertWithinMargins(t, pdf)
				assertFontsEmbedded(t, pdf)
				assertNoLoneHeading(t, text, headingsOf(t, lang))
			})
		}
	}
}

// headingsOf are the section headings of the documents in lang.
func headingsOf(t *testing.T, lang string) []string {
	t.Helper()
	tx, err := loadTexts(lang)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range []string{"ref.person", "ref.child", "ref.reason", "ref.services", "ref.given", "ref.consent", "ref.by",
		"ref.reply.title", "consent.rights.title", "consent.signatures", "sum.case", "sum.person", "case.bia.title",
		"sum.trafficking", "sum.safety", "sum.screening", "sum.plan", "sum.followUps", "sum.consents", "sum.referrals",
		"sum.interviews", "case.trafficking.events", "case.trafficking.perpetrators", "case.trafficking.narrative",
		"sum.services"} {
		out = append(out, tx.get(k))
	}
	return out
}

// assertNoLoneHeading checks that no page ends with a heading: the last
// line above a page's footer is never one.
func assertNoLoneHeading(t *testing.T, text string, headings []string) {
	t.Helper()
	pages := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
	for i, page := range pages[:len(pages)-1] {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) < 2 {
			continue
		}
		last := lines[len(lines)-2] // the last is the footer
		for _, h := range headings {
			if squash(last) == squash(h) {
				t.Errorf("page %d ends with the heading %q", i+1, h)
			}
		}
	}
}

// pdfWord is a word where poppler finds it on a page, in points.
type pdfWord struct {
	XMin float64 `xml:"xMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMin float64 `xml:"yMin,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type pdfPage struct {
	Width  float64   `xml:"width,attr"`
	Height float64   `xml:"height,attr"`
	Words  []pdfWord `xml:"word"`
}

// pdfWords reads every page's words with their boxes (pdftotext -bbox).
func pdfWords(t *testing.T, pdf []byte) []pdfPage {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Pages []pdfPage `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("reading pdftotext -bbox: %v", err)
	}
	if len(doc.Pages) == 0 {
		t.Fatal("pdftotext -bbox found no page")
	}
	return doc.Pages
}

const mmToPt = 72 / 25.4

// assertWithinMargins checks that every word lies between the left and
// right margins and above the bottom of the page: nothing overflows.
func assertWithinMargins(t *testing.T, pdf []byte) {
	t.Helper()
	const slack = 1.0 // pt
	for i, p := range pdfWords(t, pdf) {
		left, right := marginLeft*mmToPt-slack, p.Width-marginRight*mmToPt+slack
		for _, w := range p.Words {
			if w.XMin < left || w.XMax > right || w.YMax > p.Height-5*mmToPt {
				t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f lies outside the margins (%.1f–%.1f)",
					i+1, w.Text, w.XMin, w.XMax, w.YMax, left, right)
			}
		}
	}
}

// assertFontsEmbedded checks with pdffonts that every font of the PDF is
// embedded, so the document prints the same on any computer.
func assertFontsEmbedded(t *testing.T, pdf []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID: emb is the 5th from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if !strings.Contains(f[0], "notosans") {
			t.Errorf("a font other than Noto Sans: %s", l)
		}
	}
}

// The same input and creation date give the same bytes, for every
// document.
func TestDocumentsAreDeterministic(t *testing.T) {
	for _, doc := range caseDocs {
		t.Run(doc.name, func(t *testing.T) {
			a, err := doc.render("fr")
			if err != nil {
				t.Fatal(err)
			}
			b, err := doc.render("fr")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatal("the same input gave two different PDFs")
			}
		})
	}
}

func TestDocumentsRefuseUnknownLanguage(t *testing.T) {
	r := sampleReferral("en")
	r.Lang = "de"
	if _, err := ReferralLetterPDF(r); err == nil {
		t.Error("referral letter in German: no error")
	}
	c := sampleConsent("en")
	c.Lang = "de"
	if _, err := ConsentFormPDF(c); err == nil {
		t.Error("consent form in German: no error")
	}
	if _, err := IntakeBlankPDF(sampleOffice(), "de", sampleCreated); err == nil {
		t.Error("intake form in German: no error")
	}
	s := sampleSummary("en")
	s.Lang = "de"
	if _, err := CaseSummaryPDF(s); err == nil {
		t.Error("case summary in German: no error")
	}
}

// pdfFlow extracts the text in the order it was drawn (pdftotext -raw),
// without the pages' footers: a paragraph that runs on to the next page
// reads as one, and a label beside its value does not cut the value.
func pdfFlow(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var body []string
	for _, page := range strings.Split(strings.TrimRight(string(out), "\f\n"), "\f") {
		lines := strings.Split(strings.TrimRight(page, "\n"), "\n")
		body = append(body, lines[:len(lines)-1]...) // the footer is drawn last
	}
	return strings.Join(body, "\n")
}

// has checks that text has each of wants (white space folded), naming
// the missing ones shortened, and shows the text once.
func has(t *testing.T, text string, wants ...string) {
	t.Helper()
	flat := squash(text)
	missing := false
	for _, w := range wants {
		if !strings.Contains(flat, squash(w)) {
			if r := []rune(w); len(r) > 90 {
				w = string(r[:90]) + "…"
			}
			t.Errorf("the text lacks %q", w)
			missing = true
		}
	}
	if missing {
		t.Logf("--- text ---\n%s", text)
	}
}

// unbroken removes all white space, to find a long word a line cut.
func unbroken(s string) string { return strings.Join(strings.Fields(s), "") }

// longText is n words of a long name, with accents.
func longText(n int) string {
	words := []string{"Maria", "da", "Conceição", "Évora", "Gonçalves", "Ndiaye", "Aïssatou", "Baldé", "Fernandes", "Tavares"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[i%len(words)])
	}
	return b.String()
}

// A name, a partner, a reason and a disability far longer than a line
// wrap within the page: every word is there, none beyond the margins, and
// a word longer than a line (an e-mail address) is cut, not lost.
func TestDocumentsWrapLongTexts(t *testing.T) {
	longName := longText(40)
	longWord := strings.Repeat("kriolu", 22) + "@example.cv"
	reason := longText(600)
	for _, lang := range i18n.Supported {
		t.Run(lang, func(t *testing.T) {
			r := sampleReferral(lang)
			r.Person.Name = longName
			r.Person.Disability = longText(30)
			r.Partner.Name = longText(25)
			r.Partner.Email = longWord
			r.Reason = reason
			r.Child.NotInformedWhy = longText(50)
			r.Worker.Role = longText(20)
			pdf, err := ReferralLetterPDF(r)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfFlow(t, pdf)
			has(t, text, longName, reason, r.Partner.Name, r.Person.Disability, r.Child.NotInformedWhy, r.Worker.Role)
			if !strings.Contains(unbroken(text), longWord) {
				t.Errorf("the long e-mail address is not all there")
			}
			assertWithinMargins(t, pdf)
			assertReplyWhole(t, pdfText(t, pdf), lang)

			c := sampleConsent(lang)
			c.Name, c.Partner = longName, longText(25)
			pdf, err = ConsentFormPDF(c)
			if err != nil {
				t.Fatal(err)
			}
			has(t, pdfFlow(t, pdf), longName, c.Partner)
			assertWithinMargins(t, pdf)

			s := sampleSummary(lang)
			s.Case.Person.FirstName = longName
			s.Case.Trafficking.Narrative = reason
			s.Case.Plan.Objectives = longText(80)
			pdf, err = CaseSummaryPDF(s)
			if err != nil {
				t.Fatal(err)
			}
			has(t, pdfFlow(t, pdf), longName, reason, s.Case.Plan.Objectives)
			assertWithinMargins(t, pdf)
		})
	}
}

// assertReplyWhole checks that the reply part of a referral letter is on
// one page, the letter's last, from the cut line to the signature.
func assertReplyWhole(t *testing.T, text, lang string) {
	t.Helper()
	tx, _ := loadTexts(lang)
	pages := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
	last := squash(pages[len(pages)-1])
	for _, k := range []string{"ref.reply.title", "ref.reply.accepted", "ref.reply.declined", "ref.reply.given", "ref.reply.name", "common.signature"} {
		if !strings.Contains(last, squash(tx.get(k))) {
			t.Errorf("the reply part's %q is not on the last page", tx.get(k))
		}
	}
	for _, p := range pages[:len(pages)-1] {
		if strings.Contains(squash(p), squash(tx.get("ref.reply.title"))) {
			t.Error("the reply part starts on one page and ends on another")
		}
	}
}

// The reply part stays whole on the last page whatever the length of the
// letter before it.
func TestReferralReplyIsNeverSplit(t *testing.T) {
	for n := 0; n < 400; n += 23 {
		r := sampleReferral("en")
		r.Reason = longText(n)
		pdf, err := ReferralLetterPDF(r)
		if err != nil {
			t.Fatal(err)
		}
		assertReplyWhole(t, pdfText(t, pdf), "en")
	}
}

// Without consent to share the name, the letter carries the case code and
// says why, and the name is nowhere in it; the reply part never names the
// person.
func TestReferralWithoutNameShowsOnlyTheCaseCode(t *testing.T) {
	want := map[string]string{
		"en": "Case code only: the person did not consent to share their name.",
		"fr": "Code du cas seulement : la personne n’a pas consenti à la communication de son nom.",
		"pt": "Apenas o código do caso: a pessoa não consentiu na partilha do seu nome.",
	}
	for _, lang := range i18n.Supported {
		t.Run(lang, func(t *testing.T) {
			r := sampleReferral(lang)
			r.Person.Name = ""
			r.Reason = "Needs a safe place tonight."
			pdf, err := ReferralLetterPDF(r)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, pdf)
			assertContains(t, text, want[lang], "CV-PRA-2026-0041")
			if strings.Contains(text, "Fatoumata") || strings.Contains(text, "Binta") {
				t.Errorf("the name is in a letter without consent to share it:\n%s", text)
			}
			if info := pdfInfo(t, pdf); strings.Contains(info, "Fatoumata") {
				t.Errorf("the name is in the PDF's properties:\n%s", info)
			}
		})
	}
	// With the name shared, the reply part still carries only the codes.
	r := sampleReferral("en")
	text := pdfText(t, mustPDF(t)(ReferralLetterPDF(r)))
	reply := text[strings.Index(text, "Reply from the receiving agency"):]
	if strings.Contains(reply, "Fatoumata") {
		t.Error("the reply part names the person")
	}
	assertContains(t, reply, "CV-PRA-2026-0041-R2", "case code CV-PRA-2026-0041")
}

// pdfInfo is what pdfinfo prints of a PDF: its title and other properties.
func pdfInfo(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return string(out)
}

func mustPDF(t *testing.T) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

// Facts not shared are not printed, and neither is their label.
func TestReferralLeavesOutWhatIsNotShared(t *testing.T) {
	r := sampleReferral("en")
	r.Person = PersonFacts{CaseCode: "CV-PRA-2026-0041", Name: "Fatoumata Binta Baldé"}
	r.Partner = domain.Partner{Name: "Centro de Acolhimento Nôs Kaza"}
	r.Child = &ChildFacts{}
	r.Given = nil
	r.Consents = nil
	r.Reason = ""
	r.Worker = Worker{Name: "Maria José Évora"}
	text := pdfText(t, mustPDF(t)(ReferralLetterPDF(r)))
	assertContains(t, text, "Fatoumata Binta Baldé", "Case code", "The person referred is a child (under 18).", "Services requested")
	for _, absent := range []string{"Date of birth", "Age (estimated)", "Sex or gender", "Languages spoken", "Nationality", "Disability",
		"Contact (shared", "Guardian or caregiver", "The child’s situation", "The guardian knows", "Reason for referral",
		"Services already provided", "This letter shares only", "Given by", "Role", "Telephone", "E-mail", "For the attention of",
		"Opening hours", "(NGO)"} {
		if strings.Contains(text, absent) {
			t.Errorf("%q is printed though its facts are empty", absent)
		}
	}

	t.Run("an estimated age instead of a birth date", func(t *testing.T) {
		r.Person.Age = 15
		text := pdfText(t, mustPDF(t)(ReferralLetterPDF(r)))
		assertContains(t, text, "Age (estimated) 15 years")
		if strings.Contains(text, "Date of birth") {
			t.Error("a date of birth label without a date")
		}
	})
	t.Run("a date of birth, with the age on the letter's day", func(t *testing.T) {
		r.Person.BirthDate = "2011-11-28" // 15 the day after the letter
		text := pdfText(t, mustPDF(t)(ReferralLetterPDF(r)))
		assertContains(t, text, "Date of birth 28 November 2011 (14 years old)")
		if strings.Contains(text, "Age (estimated)") {
			t.Error("an estimated age beside the date of birth")
		}
	})
}

// The child block is there for a child only.
func TestReferralChildBlockOnlyForAChild(t *testing.T) {
	for _, lang := range i18n.Supported {
		tx, _ := loadTexts(lang)
		child := sampleReferral(lang)
		text := pdfFlow(t, mustPDF(t)(ReferralLetterPDF(child)))
		has(t, text, tx.get("ref.child"), tx.get("ref.child.note"), "Aïssatou Baldé ("+tx.get("case.vocab.guardianRelation.relative")+")",
			tx.get("case.child.separated"), sampleFree[lang].notInformed)

		adult := sampleReferral(lang)
		adult.Child = nil
		text = pdfFlow(t, mustPDF(t)(ReferralLetterPDF(adult)))
		lines := map[string]bool{}
		for _, l := range strings.Split(text, "\n") {
			lines[squash(l)] = true
		}
		if lines[squash(tx.get("ref.child"))] {
			t.Errorf("%s: an adult's letter has the heading %q", lang, tx.get("ref.child"))
		}
		for _, k := range []string{"ref.child.note", "ref.informed", "case.child.separated", "ref.informed.noWhy"} {
			if strings.Contains(squash(text), squash(strings.Split(tx.get(k), "{")[0])) {
				t.Errorf("%s: an adult's letter has %q", lang, tx.get(k))
			}
		}
		if strings.Contains(text, "Aïssatou") {
			t.Errorf("%s: an adult's letter names a guardian", lang)
		}
	}
}

// The priority box gives the priority and the day (and for an emergency
// or urgent referral the hour) to act by: the one given, or the letter's
// date plus the priority's time.
func TestReferralPriorityAndDueDate(t *testing.T) {
	cases := []struct {
		lang     string
		priority domain.ReferralPriority
		due      time.Time
		want     []string
	}{
		{"en", domain.ReferralEmergency, time.Time{}, []string{"Priority: Emergency (within 24 hours)", "Please act by 28 November 2026 at 14:05."}},
		{"en", domain.ReferralUrgent, time.Time{}, []string{"Priority: Urgent (within 72 hours)", "Please act by 30 November 2026 at 14:05."}},
		{"en", domain.ReferralNormal, time.Time{}, []string{"Priority: Normal (within 2 weeks)", "Please act by 11 December 2026."}},
		{"en", "", time.Time{}, []string{"Priority: Normal (within 2 weeks)", "Please act by 11 December 2026."}},
		{"en", domain.ReferralUrgent, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), []string{"Please act by 1 December 2026 at 09:00."}},
		{"fr", domain.ReferralEmergency, time.Time{}, []string{"Priorité : Urgence vitale (sous 24 heures)", "Merci d’agir au plus tard le 28 novembre 2026 à 14:05."}},
		{"fr", domain.ReferralUrgent, time.Time{}, []string{"Priorité : Urgent (sous 72 heures)", "Merci d’agir au plus tard le 30 novembre 2026 à 14:05."}},
		{"fr", domain.ReferralNormal, time.Time{}, []string{"Priorité : Normal (sous 2 semaines)", "Merci d’agir au plus tard le 11 décembre 2026."}},
		{"pt", domain.ReferralEmergency, time.Time{}, []string{"Prioridade: Emergência (no prazo de 24 horas)", "Pede-se que atue até 28 de novembro de 2026, às 14:05."}},
		{"pt", domain.ReferralUrgent, time.Time{}, []string{"Prioridade: Urgente (no prazo de 72 horas)", "Pede-se que atue até 30 de novembro de 2026, às 14:05."}},
		{"pt", domain.ReferralNormal, time.Time{}, []string{"Prioridade: Normal (no prazo de 2 semanas)", "Pede-se que atue até 11 de dezembro de 2026."}},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+string(c.priority), func(t *testing.T) {
			r := sampleReferral(c.lang)
			r.Priority, r.Due = c.priority, c.due
			text := pdfText(t, mustPDF(t)(ReferralLetterPDF(r)))
			assertContains(t, text, c.want...)
			if c.priority == domain.ReferralNormal && strings.Contains(text, "14:05") {
				t.Error("a normal referral gives an hour")
			}
		})
	}
	r := sampleReferral("en")
	r.Due = time.Time{}
	if got, want := r.DueBy(), sampleDate.Add(24*time.Hour); !got.Equal(want) {
		t.Errorf("DueBy = %v, want %v", got, want)
	}
}

// The letter without a logo stays small: the fonts are embedded as
// subsets of the glyphs used.
func TestReferralLetterSize(t *testing.T) {
	for _, lang := range i18n.Supported {
		pdf := mustPDF(t)(ReferralLetterPDF(sampleReferral(lang)))
		if len(pdf) >= 60*1024 {
			t.Errorf("%s: the referral letter is %d bytes, over 60 KB", lang, len(pdf))
		}
	}
}

// The consent form asks only the purposes given, leaves blanks for what
// is not known and adds the guardian's lines for a child.
func TestConsentFormBlanksAndPurposes(t *testing.T) {
	c := ConsentForm{Office: sampleOffice(), Lang: "en", Created: sampleCreated,
		Purposes: []domain.ConsentPurpose{domain.ConsentReferral, domain.ConsentStatistics}}
	text := pdfText(t, mustPDF(t)(ConsentFormPDF(c)))
	assertContains(t, text, "1. Referral to a partner for services", "2. Anonymous use for statistics",
		"We would like to refer you to "+handBlank+" for:", "Services (write them here)",
		"Do you agree to be referred to "+handBlank+"?", "Yes, I agree", "No, I do not agree",
		"You can say no, or change your mind later: you will still get our help.",
		"You can take back your consent at any time", "Name of the person", "Signature or thumbprint", "How consent was given",
		"Read aloud and recorded by (name and role)", "Consent form · page 1 of")
	for _, absent := range []string{"Help from this office", "Sharing information with a partner", "Interview, recorded",
		"Parent, guardian or social worker", "Relation to the child", "For a child:"} {
		if strings.Contains(text, absent) {
			t.Errorf("%q is in a form that does not ask it", absent)
		}
	}

	c = sampleConsent("en")
	text = pdfText(t, mustPDF(t)(ConsentFormPDF(c)))
	assertContains(t, text, "1. Help from this office", "2. Interview, recorded in the case", "5. Anonymous use for statistics",
		"We would like to give Centro de Acolhimento Nôs Kaza – São Filipe this information about you:",
		"Date of birth or age", "Guardian or caregiver", "Safe shelter", "Parent, guardian or social worker", "Relation to the child",
		"Appointed guardian", "For a child:", "Consent form · case CV-PRA-2026-0041 · page 1 of")
	if strings.Contains(text, handBlank) {
		t.Error("a blank where the name and partner are known")
	}
}

// The blank intake form has the window's sections in their order, the
// safety check, the plan and the consents, with the choices' labels.
func TestIntakeBlankFollowsTheWindow(t *testing.T) {
	text := squash(pdfText(t, mustPDF(t)(IntakeBlankPDF(sampleOffice(), "en", sampleCreated))))
	last := -1
	for _, s := range []string{"1. Who the person is", "2. Child protection", "3. Background and contacts", "4. What happened",
		"5. Safety", "6. Plan and next steps", "7. Consent"} {
		i := strings.Index(text, s)
		if i < 0 {
			t.Errorf("no section %q", s)
			continue
		}
		if i < last {
			t.Errorf("section %q out of the window's order", s)
		}
		last = i
	}
	assertContains(t, text, "First name", "Middle name", "Last name", "Female", "Not said or not known", "Date of birth (dd/mm/yyyy)",
		"Told by the person", "There are reasons to believe the person may be under 18", "Guardian or caregiver’s name", "Unaccompanied",
		"Wolof", "Cabo Verdean Creole (Kriolu)", "Lower secondary school", "The person agrees to be contacted", "Debt bondage",
		"Domestic work in households", "Transit (passing through)", "Recruiter or intermediary", "Facebook Messenger",
		"In immediate danger", "Has a safe place for tonight", "Immediate danger", "High priority", "Return and reintegration",
		"Family tracing and reunification", "First follow-up", "Anonymous use for statistics", "A social worker", "Shown by the person’s actions")
}

// The case summary is marked confidential, says the screening is an aid,
// and leaves out what is empty: here everything but the head.
func TestCaseSummaryLeavesOutEmptyParts(t *testing.T) {
	full := pdfText(t, mustPDF(t)(CaseSummaryPDF(sampleSummary("en"))))
	assertContains(t, full, "CONFIDENTIAL: PERSONAL DATA", "CONFIDENTIAL · Case summary CV-PRA-2026-0041 · page 1 of",
		"Screening flag: likely trafficked. Refer for formal identification.", "Carried by: Deceptive recruitment",
		"A screening aid, never a legal determination", "Possible victim of trafficking (decided by: An NGO)",
		"Domestic work in households", "Passport — held by: The trafficker or employer", "+238 991 23 45",
		"Due 26 Nov 2026, late", "Due 4 Dec 2026, planned", "done on 24 Nov 2026", "Emergency (within 24 hours) · sent on 27 Nov 2026",
		"ended early · 3 phases reached", "Within a week", "Family reunification")
	if strings.Contains(full, "GW1234567") {
		t.Error("the summary prints a document's number")
	}

	s := sampleSummary("en")
	s.Case = domain.Case{Code: "CV-PRA-2026-0042", Status: domain.StatusActive,
		Person: domain.Person{FirstName: "Awa", Phone: "+221 77 000 00 00"}} // a phone without consent to contact
	s.Consents, s.Referrals, s.Interviews = nil, nil, nil
	s.Worker = Worker{Name: "Maria José Évora"}
	text := pdfText(t, mustPDF(t)(CaseSummaryPDF(s)))
	assertContains(t, text, "CONFIDENTIAL", "CV-PRA-2026-0042", "Active", "Awa")
	for _, absent := range []string{"Child protection", "Best Interests Assessment", "Trafficking context", "Safety check", "Screening",
		"Plan and services", "Follow-ups", "Consents", "Referrals", "Interviews", "+221", "Telephone", "Date of birth", "Stage"} {
		if strings.Contains(text, absent) {
			t.Errorf("%q is printed though it is empty", absent)
		}
	}
}
