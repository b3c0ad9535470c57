package batch

import (
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/decline-cli/decline/internal/plural"
)

// emailSeed hashes addresses for dupEmails.
var emailSeed = maphash.MakeSeed()

// emailHash is a hash of an address, ignoring case; 0 for none.
func emailHash(addr string) uint64 {
	if addr == "" {
		return 0
	}
	upper := false
	for i := 0; i < len(addr) && !upper; i++ {
		upper = 'A' <= addr[i] && addr[i] <= 'Z'
	}
	if !upper {
		return maphash.String(emailSeed, addr) | 1
	}
	var buf [128]byte
	if len(addr) > len(buf) {
		return maphash.String(emailSeed, strings.ToLower(addr)) | 1
	}
	b := buf[:len(addr)]
	for i := range b {
		c := addr[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return maphash.Bytes(emailSeed, b) | 1
}

// maxTracked caps the addresses remembered, so that memory stays flat
// however many rows there are: rows past it are still checked against
// the first ones.
const maxTracked = 1 << 15

// dupEmails finds good rows whose address a row above already has.
type dupEmails struct {
	seen  hashSet
	n     int
	count int    // rows that repeat an address
	line  int    // the first such row
	addr  string // and its address
}

func (d *dupEmails) add(p Planned) {
	if p.email == 0 {
		return
	}
	if d.seen.has(p.email) {
		if d.count == 0 {
			d.line, d.addr = p.line, strings.Clone(p.addr)
		}
		d.count++
		return
	}
	if d.n < maxTracked {
		d.seen.add(p.email)
		d.n++
	}
}

// DuplicateWarning is rows that repeat the email address of a row above:
// each still gets a reply, so one person may get two.
type DuplicateWarning struct {
	Rows int
	Line int    // the first of them
	Addr string // its address
}

func (w *DuplicateWarning) Error() string {
	return fmt.Sprintf("%s the email address of a row above (first line %d, %s); each gets its own reply",
		plural.N(w.Rows, "row repeats", "rows repeat"), w.Line, w.Addr)
}

// Duplicates is, after Check, a *DuplicateWarning when good rows repeat
// an address, else nil.
func (r *Run) Duplicates() *DuplicateWarning {
	if r.dups.count == 0 {
		return nil
	}
	return &DuplicateWarning{Rows: r.dups.count, Line: r.dups.line, Addr: r.dups.addr}
}
