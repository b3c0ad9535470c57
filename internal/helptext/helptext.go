// Package helptext holds decline's long help texts that belong to no
// single command: the help topics, which 'decline help TOPIC' shows and
// the manual gives a page each, and the help of the completion command
// for each shell. The cli and the manual-page generator both read them.
package helptext

// Topic is a help topic: a name to ask for, a one-line summary and the
// text.
type Topic struct {
	Name, Short, Long string
	Aliases           []string
}

// Topics are the topics 'decline help' knows besides the commands, in
// the order help lists them.
var Topics = []Topic{
	{Name: "template-format", Short: "The template file format: fields, data, variants, overriding", Long: TemplateFormat, Aliases: []string{"format"}},
	{Name: "exit-codes", Short: "What each exit status means", Long: ExitCodes},
	{Name: "environment", Short: "Environment variables decline reads", Long: Environment},
}

// TemplateFormat explains the template files. Its example file is
// checked by the cli's TestTemplateFormatExampleWorks: keep it clean
// under lint.
const TemplateFormat = `Templates are YAML files (*.yaml or *.yml). decline reads its built-in
catalog, then every file in your template directory,
$XDG_CONFIG_HOME/decline/templates (by default ~/.config/decline/templates),
then every file in each --templates DIR. 'decline templates path' lists the
directories; 'decline templates init' copies the built-in files there to
edit; 'decline templates show ID' shows any template as written.

A complete file, ~/.config/decline/templates/mine.yaml:

  kind: recommendation          # the kind of every template below that names none
  templates:
    # Same kind, relationship and tone as a built-in template, so the same
    # id, recommendation/stranger/brief: this one replaces it.
    - relationship: stranger
      tone: brief
      subject: Your recommendation request
      body: |
        Hi {{.FirstName}}, thanks for thinking of me! We haven't worked together, so I'm not the right person to recommend you. A former colleague will do it far better.

        {{.Signoff}},
        {{.Sender}}

    # A reply of your own, chosen with --template mine/conference.
    - id: mine/conference
      subject: Your request
      requires: [event]         # --set event=KubeCon, or an "event" column in batch
      optional: [company]
      variants:
        - |
          Hi {{.FirstName}},

          Thanks for asking me to recommend you{{if .company}} to {{.company}}{{end}}. We only met briefly at {{.event}}, so I don't know your work well enough to speak to it.

          Someone who has worked with you will be a much better judge. I hope it goes well.

          {{.Signoff}},
          {{.Sender}}
        - |
          Hello {{.FirstName}},

          It was good to meet you at {{.event}}, and thank you for thinking of me. I only know you from that one conversation, though, so a recommendation from me would not say much.

          A manager or a teammate can speak to your work far better than I can.

          {{.Signoff}},
          {{.Sender}}

A file has two fields: kind (optional, the kind of each template that
gives none) and templates, the list. Each template has:

  id            its id: lowercase letters, digits, '-' and '/', like
                mine/conference. Without an id, the id is
                KIND/RELATIONSHIP/TONE and all three must be given.
  kind          recommendation, endorsement, reference, referral,
                introduction or testimonial
  relationship  stranger, no-business, social, worked-briefly, cannot-vouch, policy,
                busy or not-yet ('decline draft --help' says what each means)
  tone          warm, formal or brief
  subject       the email subject (a template too); default "Your KIND request"
  body          the reply; or
  variants      a list of wordings of it. The same requester always gets the
                same wording, chosen from the name; --variant N picks one.
  requires      the extra values the reply needs; a missing one is an error
                that names it
  optional      the extra values it may use; empty when not given

The subject and the wordings are Go templates
(https://pkg.go.dev/text/template). Every template can use:

  {{.Name}}       the requester's name, as given
  {{.FirstName}}  the first name: "Dr. Jane Smith" and "JANE SMITH" are
                  Jane, "J. Robert Oppenheimer" is Robert; --first-name or
                  a first_name column says otherwise
  {{.Addressee}}  what a formal greeting calls them: title and surname
                  when the name has a title ("Dr. Smith"), else the first
                  name
  {{.Sender}}     your name as people sign: the first name in a brief note
                  (sign_brief: full in config.yaml signs it in full), the
                  full name in a letter (warm, formal)
  {{.SenderFirst}}, {{.SenderFull}}
                  your first and full name: --from, else sender in
                  config.yaml, else empty
  {{.Signoff}}    --signoff, else signoff in config.yaml, else one that
                  suits the tone ("All the best", "Kind regards", "Best");
                  write the comma after it yourself
  {{.Note}}       your personal line (--note, a note column), ending like
                  a sentence; empty when none. A template that does not
                  use it gets it as a paragraph just before the sign-off.
  {{.event}}      each value the template declares in requires or optional,
                  by its name: given with --set event=KubeCon, or by a batch
                  column of that name

Value names are lowercase letters, digits and '_' (name, email, first_name,
relationship, kind, tone, template, variant, note and line are taken by batch
columns, and so are the other headings batch reads as them: mail, e_mail,
email_address, full_name, firstname, given_name). Test an optional value with {{if .company}}...{{end}}. A template
can use only the values it declares, and what people type (names, values,
cells) is only ever data: it is never read as template text.

A template runs in one pass: it may use if, else, with, variables and the
functions and, or, not, eq, ne, lt, le, gt, ge, len, index and slice, and
two made for values: {{first .contact}} is the first name of a value that
names someone ("Maria Lopez" is Maria; a value that does not start with a
name, like "the hiring manager", stays whole), for a person named in full
once; {{a .role}} puts "a" or "an" before a value as it sounds ("an
Engineering Manager", "a UX designer", "an MBA intern").
range, {{template}} and every other function (printf, print, js, ...) are
refused when the file is read, because they could loop for ever or fill
the memory; so is a control character, a text-direction mark or a line
separator in the template's text. A reply longer than 64 KiB is an error.

Overriding: a template with the same id as one read before it replaces it,
whichever file it is in, so the built-in reply for a kind, relationship and
tone is changed by writing a template with that kind, relationship and
tone. Within one directory each id may appear only once.

Files are read strictly. An unknown field, a duplicate key, an unknown
kind, relationship or tone, a template that does not parse, a value used
but not declared, or the same id twice in a directory is an error with the
file and line. decline drafts nothing from a directory named by
--templates while it is broken. In your own template directory, a broken
file is left out with one warning, and the rest is used; when the file
reads and only some of its templates are broken, only those are left
out, and its good ones are used. After
editing, run 'decline templates lint': it also renders every wording for
sample names and reports leftover placeholders, doubled spaces, a missing
greeting or sign-off, brief replies over 300 characters, and what a reader
hears: repeated words, a person named in full twice, a role without its
article, long replies to strangers, and stock phrases across the catalog.`

// ExitCodes says what each exit status means.
const ExitCodes = `decline's exit status says how a run ended:

  0    success
  1    an error in the data or the environment: a bad template, row or
       config file, a clipboard that could not be used, a file that
       already exists, a problem found by 'decline templates lint'
  2    a usage error: an unknown command, flag or value, a missing
       argument, or something missing without a terminal to ask on
  130  cancelled: Ctrl-C or Esc at a question, no (or Ctrl-D) when
       asked whether to send, or an empty edit; Ctrl-C at any other time
  129, 131, 143  ended by SIGHUP (the terminal closed), SIGQUIT (Ctrl-\) or
       SIGTERM (kill), after removing any file decline was writing

Every error is one line on standard error, starting with "decline: ". A
reply is written whole or not at all: an error, a full disk or a signal
never leaves half of one on standard output (a batch says how many replies
it wrote whole; a pipe that takes nothing for 5 seconds after a signal is
the one exception, and is said). When --copy fails, the reply is printed
instead, so that it is not lost, and the status is 1.`

// Environment lists the environment variables decline reads.
const Environment = `XDG_CONFIG_HOME     decline's files are in $XDG_CONFIG_HOME/decline: config.yaml
                    and the templates directory (default ~/.config/decline)
XDG_STATE_HOME      --send keeps its log of sent messages in
                    $XDG_STATE_HOME/decline/sent.jsonl (default ~/.local/state)
DECLINE_CONFIG      the config file to read, unless --config names one
DECLINE_ACCESSIBLE  1 asks questions as plain numbered lines, like --accessible
NO_COLOR            when set and not empty, no colour anywhere; there is none
                    either when standard error is not a terminal, or TERM=dumb
VISUAL, EDITOR      the editor --edit opens (default vi)
SSH_TTY             when set, --copy=auto uses the terminal's clipboard
                    (OSC 52) instead of a clipboard tool
DISPLAY, WAYLAND_DISPLAY
                    tell --copy which clipboard tool can work (xclip, xsel,
                    or wl-copy)`

// Shell is the help of the completion command or of one shell's
// subcommand: the shell's name as people write it, the long help and
// the examples.
type Shell struct {
	Name, Long, Example string
}

// Completion is the help of 'decline completion' (under that key) and of
// each shell's subcommand (under the shell's command name), replacing
// cobra's: examples, and what each shell needs.
var Completion = map[string]Shell{
	"completion": {
		Long: `Print a script that makes your shell complete decline's commands, flags and
values: the kinds, relationships, tones and template ids of the loaded
catalog (your own templates included), with a description beside each where
the shell shows one. See 'decline completion SHELL --help' for how to load
it.`,
		Example: `  source <(decline completion bash)
  decline completion zsh > ~/.zfunc/_decline
  decline completion fish > ~/.config/fish/completions/decline.fish`,
	},
	"bash": {
		Name: "bash",
		Long: `Print the completion script for bash. It needs the bash-completion package
(apt install bash-completion, dnf install bash-completion, or brew install
bash-completion@2), which most systems load from ~/.bashrc.

Load it into the current shell with source, or save it where
bash-completion finds it, for every new shell: your own directory, or
/etc/bash_completion.d for everyone.`,
		Example: `  source <(decline completion bash)
  mkdir -p ~/.local/share/bash-completion/completions
  decline completion bash > ~/.local/share/bash-completion/completions/decline`,
	},
	"zsh": {
		Name: "zsh",
		Long: `Print the completion script for zsh. Completion must be on in zsh: most
setups have it, or add "autoload -U compinit; compinit" to ~/.zshrc.

Load it into the current shell with source, or save it as _decline in a
directory of your $fpath, for every new shell. For a directory of your own,
add "fpath=(~/.zfunc $fpath)" to ~/.zshrc, before compinit.`,
		Example: `  source <(decline completion zsh)
  mkdir -p ~/.zfunc && decline completion zsh > ~/.zfunc/_decline`,
	},
	"fish": {
		Name: "fish",
		Long: `Print the completion script for fish. Load it into the current shell with
source, or save it in fish's completions directory, for every new shell.`,
		Example: `  decline completion fish | source
  decline completion fish > ~/.config/fish/completions/decline.fish`,
	},
	"powershell": {
		Name: "PowerShell",
		Long: `Print the completion script for PowerShell. Load it into the current
session with Invoke-Expression; for every new session, add that line to
your PowerShell profile ($PROFILE).`,
		Example: `  decline completion powershell | Out-String | Invoke-Expression`,
	},
}
