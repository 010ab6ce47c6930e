package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/feedguard/feedguard/moderation"
	"github.com/feedguard/feedguard/rules"
)

func (e *env) check(args []string) int {
	fs := e.newFlagSet("check", "check [--json] [flags] [TEXT...]")
	var mf moderatorFlags
	mf.register(fs)
	asJSON := fs.Bool("json", false, "print each verdict as the JSON object scan prints")
	texts, err := parseFlags(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	m, ok := mf.build(e)
	if !ok {
		return exitUsage
	}
	judge := func(n int, text string) error {
		v, err := m.Moderate(context.Background(), moderation.Post{Text: text})
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			return enc.Encode(scanLine{Line: n, Verdict: &v})
		}
		printVerdict(e.stdout, n, text, v)
		return nil
	}
	if len(texts) > 0 {
		for i, t := range texts {
			if err := judge(i+1, t); err != nil {
				e.errorf("%v", err)
				return exitUsage
			}
		}
		return exitOK
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64<<10), maxRecordBytes)
	for n := 1; sc.Scan(); n++ {
		if err := judge(n, sc.Text()); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	if err := sc.Err(); err != nil {
		e.errorf("reading stdin: %v", err)
		return exitUsage
	}
	return exitOK
}

// printVerdict writes a verdict for people: the action, language and tone,
// the text with its matched spans underlined, and the reasons.
func printVerdict(w io.Writer, n int, text string, v moderation.Verdict) {
	fmt.Fprintf(w, "%d. %s  ·  %s (%.2f)  ·  tone %s %.2f", n, strings.ToUpper(v.Action.String()), v.Language, v.LanguageConfidence, v.Tone.Label, v.Tone.Score)
	if v.Truncated {
		fmt.Fprint(w, "  ·  truncated")
	}
	fmt.Fprintln(w)
	shown, marks := underline(text, v.Matches)
	fmt.Fprintf(w, "   %s\n", shown)
	if strings.TrimSpace(marks) != "" {
		fmt.Fprintf(w, "   %s\n", strings.TrimRight(marks, " "))
	}
	for _, r := range v.Reasons {
		fmt.Fprintf(w, "   - %s\n", r)
	}
	var sig []string
	for _, s := range v.Tone.Signals {
		sig = append(sig, fmt.Sprintf("%s %+.2f", s.Name, s.Contribution))
	}
	if len(sig) > 0 {
		fmt.Fprintf(w, "   tone signals: %s\n", strings.Join(sig, ", "))
	}
	fmt.Fprintln(w)
}

// maxShownColumns bounds the text shown; longer texts are cut with "…".
const maxShownColumns = 160

// underline renders text on one line (line breaks and controls shown as
// visible marks) and a second line with ^ under every matched byte,
// counting East Asian wide characters as two columns.
func underline(text string, ms []rules.Match) (string, string) {
	var shown, marks strings.Builder
	cols := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		glyph := string(r)
		switch {
		case r == '\n':
			glyph = "⏎"
		case r == '\t':
			glyph = " "
		case r == utf8.RuneError && size == 1:
			glyph = "\uFFFD"
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			glyph = "·"
		}
		wd := runeWidth([]rune(glyph)[0])
		if cols+wd > maxShownColumns {
			shown.WriteString("…")
			break
		}
		cols += wd
		shown.WriteString(glyph)
		mark := " "
		for _, m := range ms {
			if m.Start <= i && i < m.End {
				mark = "^"
				break
			}
		}
		marks.WriteString(strings.Repeat(mark, wd))
		i += size
	}
	return shown.String(), marks.String()
}

func runeWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F):
		return 0
	case r >= 0x1F300 && r <= 0x1FAFF:
		return 2
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
