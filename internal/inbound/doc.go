// Package inbound reads the requests people send by email and works out
// what they ask for, so that a reply can answer them in their own thread.
//
// It has four parts:
//
//   - Parse reads one RFC 5322 message (MIME, RFC 2047 encoded words,
//     quoted-printable and base64, any common charset) into a Message:
//     who asked, the subject, the thread's identifiers and the text, from
//     text/plain or else from text/html made readable. Every header value
//     that a reply would carry meets the injection policy (CheckHeader).
//   - Read, Mbox and Maildir give the messages of a file, an mbox or a
//     Maildir one at a time, each with a location for errors.
//   - Rules, loaded from YAML (the English rules are embedded), detect the
//     kind of request, the values the text states (skill, role, company,
//     contact, service) and network notifications that must be answered
//     on the site, not by email. Detect gives each finding a confidence
//     and the phrase that matched.
//   - ReplyHeaders, Attribution and Quote give what a reply needs to join
//     the thread: Re: subject, In-Reply-To, References, a new Message-ID
//     and the quoted original.
//
// The package knows nothing of commands, flags or terminals: it returns
// typed errors and leaves asking and exit codes to its caller.
package inbound
