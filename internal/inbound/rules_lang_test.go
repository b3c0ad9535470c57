package inbound

import (
	"net/mail"
	"strings"
	"testing"
	"time"
)

// German, French and Spanish requests are read by their own rules, and their
// replies quote the original under an attribution line in the language;
// a language with no rules gets English's, and says so.
func TestForLang(t *testing.T) {
	for _, tt := range []struct {
		lang, text, kind, attribution string
		values                        map[string]string
	}{
		{"de", "Hallo Pat, könntest du mir eine Empfehlung auf LinkedIn schreiben?", "recommendation", "Am 01.12.2026 um 09:14 schrieb", nil},
		{"de", "Könntest du meine Kenntnisse in Python bestätigen?", "endorsement", "schrieb", map[string]string{"skill": "Python"}},
		{"de", "Darf ich dich als Referenz angeben? Ich bewerbe mich auf die Stelle als Data Analyst bei Globex.", "reference", "schrieb", map[string]string{"role": "Data Analyst", "company": "Globex"}},
		{"fr", "Bonjour Pat, pourriez-vous écrire une recommandation sur LinkedIn pour moi ?", "recommendation", "Le 01/12/2026 à 09:14, ", nil},
		{"fr", "Pourrais-tu me présenter à Claire Martin ?", "introduction", "a écrit :", map[string]string{"contact": "Claire Martin"}},
		{"fr", "Accepteriez-vous d'être ma référence pour le poste de chef de projet chez Initech ?", "reference", "a écrit :", map[string]string{"role": "chef de projet", "company": "Initech"}},
		{"es", "Hola, Pat: ¿me harías una recomendación en LinkedIn?", "recommendation", "El 01/12/2026, a las 09:14, ", nil},
		{"es", "¿Me validarías en SQL y Python en LinkedIn?", "endorsement", "escribió:", map[string]string{"skill": "SQL y Python"}},
		{"es", "¿Me puedes referir para la vacante de desarrollador backend en BBVA?", "referral", "escribió:", map[string]string{"role": "desarrollador backend", "company": "BBVA"}},
		{"es", "Me encantaría conocer a Carmen Ortega, ¿me la presentas?", "introduction", "escribió:", map[string]string{"contact": "Carmen Ortega"}},
		{"es", "¿Podrías dejarme una reseña de mi asesoría fiscal en Google?", "testimonial", "escribió:", map[string]string{"service": "asesoría fiscal"}},
	} {
		t.Run(tt.lang+" "+tt.kind, func(t *testing.T) {
			r, ok, err := ForLang(tt.lang)
			if err != nil || !ok {
				t.Fatalf("ForLang(%q) = %v, %v", tt.lang, ok, err)
			}
			from := mail.Address{Name: "Ann", Address: "ann@example.com"}
			m := &Message{From: from, Requester: from, Text: tt.text, Date: time.Date(2026, 12, 1, 9, 14, 0, 0, time.UTC)}
			req := r.Detect(m)
			if req.Kind != tt.kind || req.Confidence < Confident {
				t.Errorf("kind %q %.2f, want %q, sure (kinds %+v)", req.Kind, req.Confidence, tt.kind, req.Kinds)
			}
			for k, want := range tt.values {
				if got := req.Values[k].Text; got != want {
					t.Errorf("value %s = %q, want %q", k, got, want)
				}
			}
			if line := r.Attribution(m); !strings.Contains(line, tt.attribution) {
				t.Errorf("attribution %q lacks %q", line, tt.attribution)
			}
			if r.NoReply("noreply@network.example") == "" {
				t.Error("English's no-reply senders are not taken")
			}
		})
	}
	if r, ok, err := ForLang("xx"); err != nil || ok || r == nil {
		t.Errorf("a language with no rules: %v, %v, %v", r, ok, err)
	}
}
