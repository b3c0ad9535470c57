package inbound

import (
	"path/filepath"
	"strings"
	"testing"
)

// Spanish requests, as Spanish mail clients send them (quoted-printable,
// ISO-8859-1, base64 subjects, HTML only, multipart/alternative, a
// network's notification), are read by Spanish rules: the kind, sure, and
// the values the text states.
func TestSpanishRequests(t *testing.T) {
	r, ok, err := ForLang("es")
	if err != nil || !ok {
		t.Fatalf("ForLang(es) = %v, %v", ok, err)
	}
	for _, tt := range []struct {
		file, name, kind string
		values           map[string]string
		notification     bool
	}{
		{file: "recommendation.eml", name: "Lucía Fernández", kind: "recommendation"},
		{file: "endorsement.eml", name: "Diego Torres", kind: "endorsement", values: map[string]string{"skill": "gestión de proyectos"}},
		{file: "reference.eml", name: "Javier Martínez García", kind: "reference", values: map[string]string{"role": "analista financiero", "company": "Telefónica"}},
		{file: "referral.eml", name: "Marta Ruiz", kind: "referral", values: map[string]string{"role": "jefa de proyecto", "company": "Inditex"}},
		{file: "introduction.eml", name: "Pablo Sánchez", kind: "introduction", values: map[string]string{"contact": "Andrés Molina"}},
		{file: "testimonial.eml", name: "Sofía Navarro", kind: "testimonial", values: map[string]string{"service": "fotografía de bodas"}},
		{file: "linkedin-notification.eml", name: "Alejandro Gómez", kind: "recommendation", notification: true},
	} {
		t.Run(tt.file, func(t *testing.T) {
			m, err := ParseFile(filepath.Join("testdata/mail/es", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			req := r.Detect(m)
			if req.Name != tt.name {
				t.Errorf("name = %q, want %q", req.Name, tt.name)
			}
			if req.Kind != tt.kind || req.Confidence < Confident {
				t.Errorf("kind = %s at %.2f, want %s, sure (kinds %+v)", req.Kind, req.Confidence, tt.kind, req.Kinds)
			}
			if len(req.Values) != len(tt.values) {
				t.Errorf("values = %+v, want %v", req.Values, tt.values)
			}
			for k, want := range tt.values {
				if got := req.Values[k].Text; got != want {
					t.Errorf("value %s = %q, want %q", k, got, want)
				}
			}
			if req.Notification != tt.notification {
				t.Errorf("Notification = %v (%s), want %v", req.Notification, req.NotificationWhy, tt.notification)
			}
			if line := r.Attribution(m); !strings.HasPrefix(line, "El ") || !strings.HasSuffix(line, " escribió:") {
				t.Errorf("attribution %q is not Spanish", line)
			}
		})
	}
}

// What opens many Spanish letters is no request: getting in touch with
// someone ("ponerme en contacto con usted") or introducing oneself
// ("presentarme") is not an introduction, and a bare "recomendación" is
// only a hint.
func TestSpanishNotRequests(t *testing.T) {
	r, _, err := ForLang("es")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Buenos días: quería ponerme en contacto con usted para presentarme. Soy consultora de marketing.",
		"Hola, ¿me pasas la recomendación que te dio el médico para el restaurante?",
	} {
		req := r.Detect(&Message{Text: text})
		if req.Confidence >= Confident {
			t.Errorf("%q: kind %s at %.2f, want no sure kind", text, req.Kind, req.Confidence)
		}
	}
}
