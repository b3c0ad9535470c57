// Package templates holds decline's default template catalog, laid out
// by language: LANG/*.yaml, one file per request kind, embedded as they
// are (for init, show and lint) and compiled into Go data (Defaults) for
// a fast start.
package templates

//go:generate go run gen.go

import "embed"

// FS holds the default catalog files, under one directory per language
// (en/recommendation.yaml, ...).
//
//go:embed */*.yaml
var FS embed.FS
