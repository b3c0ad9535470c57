package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

// This file words the resolver's typed errors for the command line: a
// field becomes its flag, and a batch row's missing value its column.

// flags are the flags that give each field.
var flags = map[reply.Field]string{
	reply.FieldName:         "--name",
	reply.FieldFirstName:    "--first-name",
	reply.FieldKind:         "--kind",
	reply.FieldRelationship: "--relationship",
	reply.FieldTone:         "--tone",
	reply.FieldTemplate:     "--template",
	reply.FieldSender:       "--from",
	reply.FieldSignoff:      "--signoff",
	reply.FieldSubject:      "--subject",
	reply.FieldValue:        "--set",
	reply.FieldAddress:      "--from-address",
}

func flagsOf(fs []reply.Field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = flags[f]
	}
	return strings.Join(names, " and ")
}

// flagError words an error about what the flags gave; a mistake in them
// is a usage error.
func flagError(err error) error {
	var (
		choice  *reply.ChoiceError
		text    *reply.TextError
		clash   *reply.ClashError
		unknown *reply.UnknownTemplateError
		unused  *reply.UnusedValueError
		missing *compose.MissingError
	)
	switch {
	case errors.As(err, &choice):
		if choice.Config != "" {
			return err
		}
	case errors.As(err, &text):
		flag := flags[text.Field]
		if text.Field == reply.FieldValue {
			flag = "--set " + safetext.Quote(text.Key) + ": value"
		}
		return &UsageError{Msg: fmt.Sprintf("%s %s %s", flag, safetext.Quote(text.Value), text.Reason), Err: err}
	case errors.As(err, &clash):
		return &UsageError{Msg: fmt.Sprintf("--template %s already chooses the kind, relationship and tone: drop %s", clash.Template, flagsOf(clash.Fields)), Err: err}
	case errors.As(err, &unknown):
		return &UsageError{Msg: unknownTemplateText(unknown), Err: err}
	case errors.As(err, &unused) && len(unused.Takes) == 0:
		return &UsageError{Msg: fmt.Sprintf("template %s takes no values, so --set %s cannot be used", unused.Template, safetext.Quote(unused.Key)), Err: err}
	case errors.As(err, &missing):
		return &UsageError{Msg: fmt.Sprintf("template %s needs a value for %s: give it with --set %s=VALUE", missing.Template, missing.Names[0], missing.Names[0]), Err: err}
	}
	return &UsageError{Msg: err.Error(), Err: err}
}

// columnError words a batch row's problem.
func columnError(err error) string {
	var (
		input   *batch.Error
		exists  *batch.ExistsError
		missing *compose.MissingError
		noRel   *reply.MissingError
		unknown *reply.UnknownTemplateError
	)
	switch {
	case errors.As(err, &input):
		return input.Msg
	case errors.As(err, &exists):
		return exists.Path + " already exists (use --force to replace it)"
	case errors.As(err, &missing):
		return fmt.Sprintf("%v: add a %s column, or give --set %s=VALUE", err, missing.Names[0], missing.Names[0])
	case errors.As(err, &noRel):
		return fmt.Sprintf("no relationship: fill in the relationship column or give --relationship (for %s, one of: %s)",
			noRel.Kind, strings.Join(noRel.Relationships, ", "))
	case errors.As(err, &unknown):
		return unknownTemplateText(unknown)
	}
	return err.Error()
}

// unknownTemplateText suggests the template ids that contain an unknown
// one.
func unknownTemplateText(e *reply.UnknownTemplateError) string {
	q, like := safetext.Quote(e.ID), e.Like
	switch {
	case len(like) == 0:
		return fmt.Sprintf("unknown template %s (see 'decline templates list')", q)
	case len(like) == 1:
		return fmt.Sprintf("unknown template %s (did you mean %s?)", q, like[0])
	case len(like) > 4:
		return fmt.Sprintf("unknown template %s (did you mean one of: %s, ...? %d match; see 'decline templates list')", q, strings.Join(like[:3], ", "), len(like))
	}
	return fmt.Sprintf("unknown template %s (did you mean one of: %s?)", q, strings.Join(like, ", "))
}
