package send

import (
	"encoding/base64"
	"strings"
	"sync"
)

// secrets are the passwords Password gave out in this process, with
// the base64 forms a login sends them in, to be cut from every server's
// or command's words before they are shown.
var secrets struct {
	sync.Mutex
	list []string
}

// minSecret is the shortest password redacted: a shorter one would
// cut pieces out of ordinary words.
const minSecret = 4

// remember adds the password of user to the secrets.
func remember(user, pw string) {
	if len(pw) < minSecret {
		return
	}
	enc := base64.StdEncoding.EncodeToString
	secrets.Lock()
	defer secrets.Unlock()
	secrets.list = append(secrets.list, enc([]byte(user+"\x00"+user+"\x00"+pw)), enc([]byte("\x00"+user+"\x00"+pw)), enc([]byte(pw)), pw)
}

const redacted = "[redacted]"

// Redact puts a server's or a command's words on one line, with the
// known passwords, what follows AUTH PLAIN or AUTH LOGIN, and every
// run of base64 in it redacted: a server may echo what the client sent
// it (a password, AUTH PLAIN's credentials, AUTH LOGIN's password), and
// that must not reach the terminal or a log.
func Redact(s string) string {
	secrets.Lock()
	for _, secret := range secrets.list {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	secrets.Unlock()
	words := strings.Fields(s)
	for i, w := range words {
		bare := strings.Trim(w, `"'()[]<>,;:.`)
		if isBase64Run(bare) || i >= 2 && strings.EqualFold(words[i-2], "AUTH") && isMechanism(words[i-1]) && bare != "" && bare != "=" {
			words[i] = redacted
		}
	}
	return strings.Join(words, " ")
}

// isMechanism reports a SASL mechanism whose argument holds a secret.
func isMechanism(w string) bool {
	switch strings.ToUpper(w) {
	case "PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER":
		return true
	}
	return false
}
