// Command feedguard moderates posts from the command line: it scans
// exported posts in bulk, checks single texts, and imports and lints rule
// packs.
//
//	feedguard scan [flags] [FILE...]     judge every record of JSON Lines or CSV exports
//	feedguard eval [flags] FILE...       measure the verdicts against labels in the export
//	feedguard check [--json] [TEXT...]   judge texts given as arguments or stdin lines
//	feedguard rules import [flags] FILE  turn a word list into a rule pack
//	feedguard rules lint PATH...         check rule packs
//	feedguard rules test PATH...         run the packs' own examples
//
// Exit status: 0 when the work completed (a scan with bad records included),
// 1 when lint or tests found problems or a scan reached its --fail-on
// action, 2 for usage errors and unreadable files.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit statuses.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

func main() {
	// The garbage collector keeps Go's default target (GOGC=100, which the
	// GOGC environment variable still overrides): raising it did not pay.
	// On 100,000 posts, GOGC=200 and 400 brought no speed-up beyond
	// run-to-run noise while peak RSS rose from about 94 MiB to 118 MiB and
	// 183 MiB (BenchmarkGOGC; see BENCHMARKS.md).
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `feedguard moderates posts for a bilingual community.

Usage:
  feedguard scan [flags] [FILE...]      judge every record of JSON Lines or CSV files (.gz, .zst too);
                                        no FILE or "-" reads JSON Lines from stdin
  feedguard eval [flags] FILE...        scan labelled posts and measure precision, recall and F1
  feedguard check [--json] [TEXT...]    judge each TEXT, or each line of stdin
  feedguard rules import [flags] FILE   turn a word list (one term a line) into a rule pack
  feedguard rules lint PATH...          check rule packs: every problem as file:line:col
  feedguard rules test PATH...          run the packs' own match / no_match examples

Run "feedguard COMMAND -h" for a command's flags.
`

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr, isTerminal: isTerminal}
	switch args[0] {
	case "scan":
		return env.scan(args[1:])
	case "eval":
		return env.evalCmd(args[1:])
	case "check":
		return env.check(args[1:])
	case "rules":
		return env.rules(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "feedguard: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// env carries the command's standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// isTerminal says whether a stream is a terminal (for the progress
	// bar); tests replace it.
	isTerminal func(io.Writer) bool
}

func (e *env) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "feedguard: "+format+"\n", args...)
}

// parseFlags parses flags that may appear before, between or after the
// positional arguments, and returns the positional arguments. A lone "-"
// is positional (stdin); everything after "--" is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlagSet makes a flag set that reports errors to stderr without
// exiting.
func (e *env) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: feedguard %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// flagStatus maps a flag parsing error to an exit status.
func flagStatus(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }
