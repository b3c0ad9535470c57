package helptext

import (
	"fmt"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
)

// The long help and examples of each command, which --help shows and the
// manual prints: kept here, with the topics, so that the cli holds the
// wiring and the words of its errors only.

// Command is one command's long help and examples.
type Command struct{ Long, Example string }

// Batch is the help of 'decline batch'.
var Batch = Command{
	Long: `Draft a reply for every row of a CSV, TSV or JSON Lines file. The first row of
a CSV or TSV file names the columns: name is required; email, relationship,
kind, tone, lang, template, first_name, variant and note (a personal line of
your own, placed before the sign-off) are optional; any other column is a value
for the templates (such as skill or role). The flags give the
defaults for empty cells and missing columns; --template applies to the
rows that have no template, kind, relationship or tone of their own. With
- or no file, the rows are read from standard input.

Every row is checked before anything is written. A bad row stops the run
with FILE:LINE and what is wrong, and nothing at all is written, unless
--keep-going is given: then the good rows are written, each bad one is
reported, and the exit status is 1. --dry-run only checks, and counts the
replies by kind, relationship and tone.

The replies go to standard output as JSON Lines (one object per reply,
with its input line), as text (replies separated by a form-feed line), or
as one mbox mailbox; or, with --out-dir, one file each, named after the
requester (scott-lee.txt, scott-lee-2.txt). Existing files are never
replaced without --force.`,
	Example: `  decline batch requests.csv
  decline batch requests.csv --dry-run
  decline batch requests.csv --format mbox > replies.mbox && mutt -f replies.mbox
  decline batch requests.csv --out-dir replies
  decline batch requests.tsv --keep-going --from "Jordan Avery" -t formal
  some-export | decline batch - --input-format jsonl`,
}

// Reply is the help of 'decline reply'.
var Reply = Command{
	Long: `Answer a request that arrived by email. decline reads the message (standard
input, a file, an mbox or a Maildir folder), finds who asked and what for,
and writes the reply as an email in the request's thread: To the requester,
From your address (address in config.yaml, or --from-address), with a
Re: subject, In-Reply-To and References.

What the message asks for, and the values it states (a skill, a role), are
read from its subject and text; -k, --set, -r and -t decide instead. When
decline is unsure it asks on a terminal; without one it stops (exit 2) and
says which flag decides. --format json shows what was read and why.

How you know them (-r, --relationship) is never guessed: it is asked, or
given with -r.

A notification from a network (LinkedIn and other no-reply senders) takes
no email: the reply is printed as text to paste into the site, or copied
with --copy.

Given an mbox or a Maildir folder, every message is answered, as batch
answers rows: all are checked before anything is written; write them with
--format mbox, --out-dir DIR or --maildir DIR.`,
	Example: `  decline reply -r former-colleague < request.eml
  decline reply request.eml -r no-business --quote --maildir ~/Mail/Drafts
  decline reply request.eml -r stranger --format json
  decline reply requests.mbox -r no-business --format mbox > replies.mbox`,
}

// Root is the help of 'decline'.
var Root = Command{
	Long: `decline drafts a polite, honest reply when someone asks you for a LinkedIn
recommendation, an endorsement, a reference, a referral, an introduction or
a testimonial, and you are not in a position to give it.

Run 'decline draft': it asks who is asking, what for and how you know them,
picks a reply from its template catalog, fills in the names and prints it
(or copies it, or hands it to your mail client). With flags, it asks
nothing and works in pipes and scripts.`,
	Example: `  decline draft
  decline draft --name "Scott Lee" --relationship no-business
  decline draft -n Scott -r stranger -t brief --copy
  decline batch requests.csv --out-dir replies
  decline templates list`,
}

// Templates is the help of 'decline templates'.
var Templates = Command{
	Long: `Work with the template catalog: the defaults built into decline, then your
own templates in $XDG_CONFIG_HOME/decline/templates (~/.config/decline/templates),
then each --templates DIR. A template with the same id as one read before
it replaces that one.

The file format, with a complete example: 'decline help template-format'.`,
	Example: `  decline templates list
  decline templates show recommendation/no-business/warm
  decline templates init
  decline templates lint`,
}

// TemplatesInit is the help of 'decline templates init'.
var TemplatesInit = Command{
	Long: `Copy the default template files into your template directory,
$XDG_CONFIG_HOME/decline/templates (~/.config/decline/templates), so that
you can edit them. A template there replaces the default with the same id.

A file that already exists is never overwritten without --force.`,
	Example: `  decline templates init
  decline templates init --force`,
}

// TemplatesNew is the help of 'decline templates new'.
var TemplatesNew = Command{
	Long: `Copy a template into your template directory under a new id, to make a
template of your own from it: --from names the template to copy; without
it, the one whose id is nearest NEW-ID (the template itself, when NEW-ID
is a built-in id: your copy then replaces it), or, when no id is near,
the default kind's warm reply to a stranger.

The copy goes to a file of its own named after NEW-ID, such as
mine_thanks.yaml, and keeps the kind but not the relationship or tone, so
it is used with --template NEW-ID and never replaces a default by
accident; a NEW-ID of the form KIND/RELATIONSHIP/TONE is chosen by those.
A file or template that exists already is never overwritten. The path of
the new file is printed; the copy is then checked as 'templates lint'
does.`,
	Example: `  decline templates new --from recommendation/stranger/warm mine/thanks
  decline templates new recommendation/busy/warm   # your own copy of a default`,
}

// TemplatesEdit is the help of 'decline templates edit'.
var TemplatesEdit = Command{
	Long: `Open your copy of a template in $VISUAL or $EDITOR, making it first from
the built-in template when you have none (as 'templates new ID ID' does).
When the editor exits, the file is checked as 'templates lint' does: each
problem is listed, and the exit status is 1. A file that no longer reads
(a YAML mistake, a template calling printf) is put back as it was, and
your edit is kept beside it in a dotfile the error names; any other
problem leaves the file as you left it.`,
	Example: `  decline templates edit recommendation/stranger/warm
  VISUAL=nano decline templates edit mine/thanks`,
}

// TemplatesLint is the help of 'decline templates lint'.
var TemplatesLint = Command{
	Long: `Check templates: everything loading checks (YAML, unknown fields, kinds,
relationships and tones, template syntax, undeclared and duplicate ids and
values), then render every wording for sample requesters (a normal name, a
long one, a non-ASCII one, one with an apostrophe) and report leftover
placeholders, doubled spaces, trailing whitespace, a missing greeting or
sign-off, a brief reply over 300 characters, contractions or exclamation
marks in a formal one, and declared values never used. It also reports a
word of five letters or more said three times in a reply, a third party
named in full more than once, a role without its article, a warm reply to
a stranger over 90 words, two wordings of a template that open alike, and
phrases of four words that more than one in twenty wordings share.

With no PATH, the whole catalog is checked: the defaults, your template
directory and each --templates DIR. With PATHs, only those files and
directories.

Each problem is one line on standard output, FILE:LINE: problem, so editors
and grep can use it. The summary goes to standard error; the exit status
is 1 when there is any problem.`,
	Example: `  decline templates lint
  decline templates lint ~/.config/decline/templates/mine.yaml`,
}

// TemplatesList is the help of 'decline templates list'.
var TemplatesList = Command{
	Long: `List every template in the catalog, sorted by id, with its language, kind,
relationship, tone, how many wordings it has, and where it came from:
"default" for the catalog built into decline, or the file it was read from.
--lang lists one language's templates only.

On a terminal the list is an aligned table. In a pipe it is tab-separated,
one template a line, without the header. --json prints one JSON array.
-k, -r, -t and --lang keep only the templates of that kind, relationship,
tone and language.`,
	Example: `  decline templates list
  decline templates list -k referral -t brief
  decline templates list | cut -f1
  decline templates list --lang de
  decline templates list --json | jq -r '.[] | select(.source != "default") | .id'`,
}

// TemplatesPath is the help of 'decline templates path'.
var TemplatesPath = Command{
	Long: `List where templates are read from, in order: the default catalog built
into decline, your template directory, then each --templates DIR. A
template replaces any with the same id read before it.

Each line gives the source (default, user or --templates), the directory,
and whether it exists. On a terminal this is an aligned table; in a pipe
the fields are tab-separated, without the header.`,
	Example: `  decline templates path
  decline templates path --templates ./team-templates`,
}

// TemplatesShow is the help of 'decline templates show'.
var TemplatesShow = Command{
	Long: `Show a template as it is written in its file, with the file and line it
starts on, then a sample reply rendered from it for a made-up requester.
Values the template needs (such as skill) are filled with sample text.`,
	Example: `  decline templates show recommendation/no-business/warm
  decline templates show endorsement/social/brief --variant 2
  decline templates show reference/busy/formal --lang de`,
}

// Help is the help of 'decline help'.
var Help = Command{
	Long: `Show the help of a command, a subcommand or a topic. With nothing after it,
the same as 'decline --help'. 'decline help COMMAND' is 'decline COMMAND --help'.`,
	Example: `  decline help draft
  decline help templates show
  decline help template-format`,
}

// Draft is the help of 'decline draft'; the cli puts the lists of
// relationships and tones, with their labels, in place of {relationships}
// and {tones}.
var Draft = Command{
	Long: `Draft one reply. On a terminal, decline asks for anything the flags did not
give: the requester's name, what they asked for, how you know them, and any
value the reply needs. The reply alone goes to standard output, so it can be
piped; questions and status go to standard error.

Without a terminal, or with --no-input, nothing is asked: --name and
--relationship are required.

How you know them (-r, --relationship):
{relationships}

What they asked for (-k, --kind; default recommendation), and the value
the reply needs, if any:
  recommendation
  endorsement     --set skill=...
  reference       --set role=... (and optionally company=...)
  referral        --set role=... (and optionally company=...)
  introduction    --set contact=...
  testimonial     --set service=...

The tone (-t, --tone; default warm):
{tones}`,
	Example: `  decline draft
  decline draft --name "Scott Lee" --relationship no-business
  decline draft -n Scott -r stranger -t brief --copy
  decline draft -n Priya -k endorsement -r social --set skill=Kubernetes
  decline draft -n Scott -r no-business | mail -s "Your request" scott@example.com
  decline draft -n "Scott Lee" -r no-business --to scott@example.com -f eml | msmtp -t
  xdg-open "$(decline draft -n Scott -r no-business --to scott@example.com -f mailto)"`,
}

// UsageTemplate is cobra's, except that help topics are listed by name
// under how to read them, since they are not commands to run.
const UsageTemplate = `Usage:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Available Commands:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }}  {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

Help topics (decline help TOPIC):{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .Name .NamePadding }}  {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`

// ChoiceList lists choices one a line, each id beside its label, for help.
func ChoiceList(choices []catalog.Choice) string {
	var b strings.Builder
	for i, c := range choices {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "  %-14s  %s", c.ID, c.Label)
	}
	return b.String()
}

// Config and its subcommands; {keys} in Config.Long is the list of
// settings.
var (
	Config = Command{
		Long: `Read and change the settings in your config.yaml ($XDG_CONFIG_HOME/decline/
config.yaml, or --config FILE, or DECLINE_CONFIG). The settings:
{keys}
and, in the smtp and imap sections, which send replies and save drafts,
{nested}
which get prints (decline config get smtp.host) and edit changes.

set checks the new value before anything is written, then replaces the file
at once, keeping its comments; an empty value removes the setting. edit
opens the file in $VISUAL or $EDITOR and keeps what you saved only when
decline can read it.`,
		Example: `  decline config get sender
  decline config set signoff "Best wishes"
  decline config set tone ""
  decline config edit`,
	}
	ConfigGet = Command{
		Long: `Print the value of one setting (an empty line when it is not set); with
a section (smtp, imap) each of its settings, set or not; or with no KEY
every setting that is set, one "key: value" a line.`,
		Example: "  decline config get signoff\n  decline config get smtp\n  decline config get",
	}
	ConfigSet = Command{
		Long: `Set one setting in config.yaml. The value is checked first (a kind or tone
must exist, your own locale.yaml's included); then the file is replaced at
once, keeping its comments. An empty VALUE removes the setting.`,
		Example: "  decline config set sender \"Jordan Avery\"\n  decline config set tone \"\"",
	}
	ConfigPath = Command{
		Long:    "Print the configuration file's path: --config, else DECLINE_CONFIG, else\nconfig.yaml in $XDG_CONFIG_HOME/decline. It may not exist yet.",
		Example: "  decline config path",
	}
	ConfigEdit = Command{
		Long: `Open a copy of config.yaml in $VISUAL or $EDITOR (a list of every setting,
commented out, when there is no file yet). What you save replaces the file
only when decline can read it; otherwise the file stays as it was and the
error names the copy that holds your edit.`,
		Example: "  decline config edit\n  EDITOR=nano decline config edit",
	}
)

// IndentList lists settings for help: indented, separated by commas,
// and wrapped before 76 columns (never inside a name).
func IndentList(keys []string) string {
	var b strings.Builder
	col := 0
	for i, k := range keys {
		w := k
		if i < len(keys)-1 {
			w += ","
		}
		switch {
		case col == 0:
			b.WriteString("  ")
			col = 2
		case col+1+len(w) > 76:
			b.WriteString("\n  ")
			col = 2
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
