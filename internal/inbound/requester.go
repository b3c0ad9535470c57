package inbound

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/safetext"
)

// chooseRequester corrects m.Requester, the Reply-To or From address a
// mail client would answer, where that is not the person who wrote:
//
//   - a mailing list's address (the From of a list that rewrites it,
//     "Eve via Alumni <alumni@groups.example>", the List-Post address,
//     or a Reply-To naming the list of List-Id) gives way to the
//     person's: X-Original-From, else From; when neither is the
//     person's, NoRequester says so;
//   - several From addresses without a Reply-To are not guessed:
//     NoRequester says so, and Senders lists them; nor are several
//     Reply-To or X-Original-From addresses (see several).
func chooseRequester(h mail.Header, m *Message, replyTo bool) error {
	if m.NoRequester != "" {
		return nil // several Reply-To addresses
	}
	if senders := allAddresses(h, "From"); len(senders) > 1 {
		m.Senders = senders
		if !replyTo {
			names := make([]string, len(senders))
			for i, a := range senders {
				names[i] = a.Address
			}
			m.Requester = mail.Address{}
			m.NoRequester = "the message has " + strconv.Itoa(len(senders)) + " From addresses (" + strings.Join(names, ", ") + ")"
			return nil
		}
	}
	lists := listAddresses(h, m.From)
	isList := func(a string) bool {
		for _, l := range lists {
			if strings.EqualFold(l, a) {
				return true
			}
		}
		return false
	}
	if !isList(m.Requester.Address) {
		return nil
	}
	list := m.Requester.Address
	if len(h["X-Original-From"]) > 0 {
		orig, _, err := firstAddress(h, "X-Original-From")
		if err != nil {
			return err
		}
		if all := allAddresses(h, "X-Original-From"); len(all) > 1 {
			saved := m.Requester
			if err := several(m, h, "X-Original-From", all); err != nil {
				return err
			}
			if m.NoRequester != "" {
				return nil
			}
			orig, m.Requester = m.Requester, saved
		}
		if !isList(orig.Address) {
			m.Requester = orig
			m.RequesterNote = "replying to " + orig.Address + " (X-Original-From), not to the mailing list " + list
			return nil
		}
	}
	if !isList(m.From.Address) {
		m.Requester = m.From
		m.RequesterNote = "replying to " + m.From.Address + " (From), not to the mailing list " + list + " (Reply-To)"
		return nil
	}
	name, _ := personalName(m.From.Name)
	m.Requester = mail.Address{Name: name}
	m.NoRequester = "the message came through the mailing list " + list + ", which hides the sender's own address"
	return nil
}

// several settles a header that gives more than one address (all): the
// reply goes to the one that is From's address when exactly one is, and
// RequesterNote says so; otherwise it is not guessed, and NoRequester
// says why, as for several From addresses.
func several(m *Message, h mail.Header, header string, all []mail.Address) error {
	var match *mail.Address
	names := make([]string, len(all))
	for i := range all {
		names[i] = safetext.Escape(all[i].Address)
		if match == nil && strings.EqualFold(all[i].Address, m.From.Address) {
			match = &all[i]
		}
	}
	if match != nil {
		if err := checkAddress(header, *match); err != nil {
			return err
		}
		m.Requester = *match
		m.RequesterNote = fmt.Sprintf("%s gives %d addresses; the reply goes to %s, the one that is From's too", header, len(all), match.Address)
		return nil
	}
	name, _ := personalName(m.From.Name)
	m.Requester = mail.Address{Name: name}
	m.NoRequester = fmt.Sprintf("the %s header gives %d addresses (%s)", header, len(all), strings.Join(names, ", "))
	return nil
}

// allAddresses parses every address of every header called name,
// skipping what does not parse (firstAddress has checked the first).
func allAddresses(h mail.Header, name string) []mail.Address {
	var all []mail.Address
	p := mail.AddressParser{WordDecoder: wordDecoder}
	for _, v := range h[name] {
		list, err := p.ParseList(strings.TrimSpace(headerUTF8(v)))
		if err != nil {
			continue
		}
		for _, a := range list {
			all = append(all, *a)
		}
	}
	return all
}

// listAddresses are the addresses of the mailing list a message came
// through: the From address of a list that rewrites From to "NAME via
// LIST", the List-Post address, and the address List-Id names
// ("<alumni.lists.example.org>" names alumni@lists.example.org).
func listAddresses(h mail.Header, from mail.Address) []string {
	var lists []string
	if _, _, ok := strings.Cut(from.Name, " via "); ok {
		lists = append(lists, from.Address)
	}
	for _, v := range h["List-Post"] {
		if _, rest, ok := strings.Cut(strings.ToLower(v), "mailto:"); ok {
			if i := strings.IndexAny(rest, ">?, \t"); i >= 0 {
				rest = rest[:i]
			}
			lists = append(lists, rest)
		}
	}
	for _, v := range h["List-Id"] {
		i, j := strings.LastIndexByte(v, '<'), strings.LastIndexByte(v, '>')
		if i < 0 || j < i {
			continue
		}
		id := v[i+1 : j]
		if k := strings.IndexByte(id, '.'); k > 0 {
			lists = append(lists, id[:k]+"@"+id[k+1:])
		}
	}
	return lists
}
