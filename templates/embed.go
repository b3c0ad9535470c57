// Package templates holds decline's default template catalog: the
// *.yaml files in this directory, one per request kind, embedded as they
// are (for init, show and lint) and compiled into Go data (Defaults) for
// a fast start.
package templates

//go:generate go run gen.go

import "embed"

// FS holds the default catalog files.
//
//go:embed *.yaml
var FS embed.FS
