package cli

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/iostreams"
)

// parse runs a command's flag parsing alone: runF receives the options.
func parse(t *testing.T, cmd *cobra.Command, args []string) error {
	t.Helper()
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd.Execute()
}

func testFactory() *Factory {
	ios, _, _, _ := iostreams.Test()
	return NewFactory(ios, func(string) string { return "" })
}

// checkOptions parses args with the command newCmd makes and compares
// the options its run function receives with want, or the error with
// wantErr.
func checkOptions[O any](t *testing.T, newCmd func(runF func(*O) error) *cobra.Command, args []string, want O, wantErr string) {
	t.Helper()
	var got *O
	err := parse(t, newCmd(func(o *O) error { got = o; return nil }), args)
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("error %v, want one with %q", err, wantErr)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("options\n got %+v\nwant %+v", *got, want)
	}
}

func TestDraftOptions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		want    draftOptions
		wantErr string
	}{
		{name: "none", args: nil, want: draftOptions{}},
		{name: "selectors", args: []string{"-n", "Scott Lee", "--first-name", "Scotty", "-r", "stranger", "-k", "endorsement", "-t", "brief"},
			want: draftOptions{name: "Scott Lee", firstName: "Scotty", replyFlags: replyFlags{relationship: "stranger", kind: "endorsement", tone: "brief"}}},
		{name: "values repeat", args: []string{"--set", "skill=Go", "--set", "role=SRE", "--template", "x/y/z"},
			want: draftOptions{replyFlags: replyFlags{sets: []string{"skill=Go", "role=SRE"}, templateID: "x/y/z"}}},
		{name: "sign-off", args: []string{"--from", "Jo", "--signoff", "Best wishes"},
			want: draftOptions{replyFlags: replyFlags{from: "Jo", signoff: "Best wishes", fromSet: true, signoffSet: true}}},
		{name: "empty sign-off", args: []string{"--from=", "--signoff", ""},
			want: draftOptions{replyFlags: replyFlags{fromSet: true, signoffSet: true}}},
		{name: "variant zero is given", args: []string{"--variant", "0"}, want: draftOptions{variantSet: true}},
		{name: "variant", args: []string{"--variant=3"}, want: draftOptions{variant: 3, variantSet: true}},
		{name: "bare copy", args: []string{"--copy"}, want: draftOptions{copy: cmdutil.CopyFlag{Value: cmdutil.CopyConfigured, Given: true}}},
		{name: "copy mode", args: []string{"--copy=osc52"}, want: draftOptions{copy: cmdutil.CopyFlag{Value: "osc52", Given: true}}},
		{name: "delivery", args: []string{"--to", "s@example.com", "--subject", "Hi", "-f", "eml", "--edit", "--no-input", "--accessible"},
			want: draftOptions{to: "s@example.com", subject: "Hi", format: "eml", edit: true, noInput: true, accessible: true}},
		{name: "argument", args: []string{"Scott Lee"}, want: draftOptions{name: "Scott Lee"}},
		{name: "two arguments", args: []string{"Scott", "Lee"}, wantErr: "draft takes one argument, the requester's name, got 2"},
		{name: "name twice", args: []string{"-n", "Scott", "--name", "Lee"}, wantErr: `--name is given twice ("Scott" and "Lee")`},
		{name: "bad variant", args: []string{"--variant", "x"}, wantErr: "invalid argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &globalOptions{}
			tc.want.globalOptions = g
			checkOptions(t, func(runF func(*draftOptions) error) *cobra.Command {
				return newDraftCmd(testFactory(), g, runF)
			}, tc.args, tc.want, tc.wantErr)
		})
	}
}

func TestBatchOptions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		want    batchOptions
		wantErr string
	}{
		{name: "standard input", args: nil, want: batchOptions{spoolLimit: "1GiB"}},
		{name: "dash", args: []string{"-", "--spool-limit", "2G"}, want: batchOptions{input: "-", spoolLimit: "2G"}},
		{name: "file and flags", args: []string{"rows.tsv", "--input-format", "tsv", "-f", "eml", "--out-dir", "out", "-o", "all.jsonl", "--force", "--keep-going", "--dry-run"},
			want: batchOptions{input: "rows.tsv", inputFormat: "tsv", format: "eml", outDir: "out", output: "all.jsonl", force: true, keepGoing: true, dryRun: true, spoolLimit: "1GiB"}},
		{name: "shared reply flags", args: []string{"rows.csv", "-t", "formal", "--template", "a/b/c", "--set", "skill=Go", "--from", "Jo"},
			want: batchOptions{input: "rows.csv", replyFlags: replyFlags{tone: "formal", templateID: "a/b/c", sets: []string{"skill=Go"}, from: "Jo", fromSet: true}, spoolLimit: "1GiB"}},
		{name: "two files", args: []string{"a.csv", "b.csv"}, wantErr: "batch reads one file, got 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &globalOptions{}
			tc.want.globalOptions = g
			checkOptions(t, func(runF func(*batchOptions) error) *cobra.Command {
				return newBatchCmd(testFactory(), g, runF)
			}, tc.args, tc.want, tc.wantErr)
		})
	}
}

// TestShowProgress: the progress line is drawn on a terminal, but not
// when the replies are written to a terminal as well (it appeared between
// them), unless they go to files or nowhere.
func TestShowProgress(t *testing.T) {
	for _, tc := range []struct {
		stdout, stderr bool
		o              batchOptions
		want           bool
	}{
		{false, true, batchOptions{}, true},
		{true, true, batchOptions{}, false},
		{true, true, batchOptions{outDir: "out"}, true},
		// A dry run lists its rows on standard output.
		{true, true, batchOptions{dryRun: true}, false},
		{true, true, batchOptions{dryRun: true, outDir: "out"}, false},
		{false, true, batchOptions{dryRun: true}, true},
		{true, false, batchOptions{outDir: "out"}, false},
	} {
		f := testFactory()
		f.IO.SetTTY(false, tc.stdout, tc.stderr)
		if got := showProgress(f, &tc.o); got != tc.want {
			t.Errorf("stdout terminal %v, stderr terminal %v, %+v: %v, want %v", tc.stdout, tc.stderr, tc.o, got, tc.want)
		}
	}
}
