package rules

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedData is where the project's development data lives, beside the
// repository; tests that use it skip when it is absent.
var sharedData = filepath.Join("..", "..", "shared", "data")

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" && !strings.HasPrefix(s, "#") {
			out = append(out, s)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// readPairs reads a two-column TSV into a map from the first column to the
// characters of the second.
func readPairs(t *testing.T, path string) map[rune][]rune {
	m := map[rune][]rune{}
	for _, l := range readLines(t, path) {
		k, v, ok := strings.Cut(l, "\t")
		if !ok || utf8.RuneCountInString(k) != 1 {
			continue
		}
		m[[]rune(k)[0]] = []rune(v)
	}
	return m
}

// evasion makes one evasive spelling of a term; ok is false when the kind
// does not apply to the term.
type evasion func(term string) (string, bool)

func mapLetters(term string, f func(i int, r rune) string) (string, bool) {
	var b strings.Builder
	changed := false
	for i, r := range []rune(term) {
		s := f(i, r)
		changed = changed || s != string(r)
		b.WriteString(s)
	}
	return b.String(), changed
}

func latinEvasions(confusables, leet map[rune][]rune) map[string]evasion {
	// Each kind takes its alternatives in turn with its own counter, so
	// the variants do not depend on the order the kinds are run in.
	var widthTurn, confTurn, leetTurn, sepTurn turns
	firstVowel := func(term string) int {
		return strings.IndexFunc(term, func(r rune) bool { return strings.ContainsRune("aeiou", r) })
	}
	return map[string]evasion{
		"width": func(term string) (string, bool) {
			// Full-width forms, and in turn the other compatibility
			// alphabets: mathematical bold and script, circled letters.
			alphabets := []rune{0xFF41, 0x1D41A, 0x1D4EA, 0x24D0}
			alphabet := alphabets[widthTurn.next(len(alphabets))]
			return mapLetters(term, func(_ int, r rune) string {
				switch {
				case 'a' <= r && r <= 'z':
					return string(alphabet + r - 'a')
				case r > ' ' && r < 0x7f && alphabet == 0xFF41:
					return string(r - 0x21 + 0xFF01)
				}
				return string(r)
			})
		},
		"case": func(term string) (string, bool) {
			return mapLetters(term, func(i int, r rune) string {
				if i%2 == 0 {
					return string(unicode.ToUpper(r))
				}
				return string(r)
			})
		},
		"diacritic": func(term string) (string, bool) {
			marks := map[rune]string{'a': "á", 'e': "é", 'i': "ï", 'o': "ö", 'u': "ü", 'c': "č", 'n': "ñ", 's': "š"}
			n := 0
			return mapLetters(term, func(_ int, r rune) string {
				if m, ok := marks[r]; ok && n < 2 {
					n++
					return m
				}
				return string(r)
			})
		},
		"confusable": func(term string) (string, bool) {
			// The homoglyphs evaders reach for — Greek, Cyrillic and
			// Armenian letters — taken in turn, so every look-alike in
			// the map is used across the terms.
			n := 0
			return mapLetters(term, func(_ int, r rune) string {
				var cands []rune
				for _, c := range confusables[r] {
					if c >= 0x370 && c < 0x590 && unicode.IsLetter(c) {
						cands = append(cands, c)
					}
				}
				if len(cands) == 0 || n >= 2 {
					return string(r)
				}
				n++
				return string(cands[confTurn.next(len(cands))])
			})
		},
		"leet": func(term string) (string, bool) {
			// Every symbol in the map is used across the terms (a is @
			// in one term and 4 in the next).
			n := 0
			return mapLetters(term, func(_ int, r rune) string {
				if l := leet[r]; len(l) > 0 && n < 2 {
					n++
					return string(l[leetTurn.next(len(l))])
				}
				return string(r)
			})
		},
		"invisible": invisibleEvasion(),
		"separator": func(term string) (string, bool) {
			if strings.Contains(term, " ") {
				return "", false
			}
			return strings.Join(strings.Split(term, ""), latinSeparators[sepTurn.next(len(latinSeparators))]), utf8.RuneCountInString(term) > 1
		},
		"repeat": func(term string) (string, bool) {
			i := firstVowel(term)
			if i < 0 {
				return "", false
			}
			return term[:i+1] + strings.Repeat(term[i:i+1], 3) + term[i+1:], true
		},
	}
}

// The separators and invisible characters the report's evasions use in
// turn.
var (
	latinSeparators = []string{".", " ", "-", "_", "*", "/", "|", "+", "·", "~", ". "}
	hanSeparators   = []string{" ", "*", "-", ".", "·", "/", "|", "~", "\u3000", "…"}
	invisibles      = []string{"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u034f"}
)

// turns hands out the alternatives of one evasion kind in turn, so that
// every alternative is used across the terms and the variants do not
// depend on the order the kinds run in.
type turns int

// next returns the index of the next of n alternatives.
func (t *turns) next(n int) int {
	*t++
	return int(*t) % n
}

// invisibleEvasion puts an invisible character after a term's first
// character, each of invisibles in turn.
func invisibleEvasion() evasion {
	var turn turns
	return func(term string) (string, bool) {
		rs := []rune(term)
		if len(rs) < 2 {
			return "", false
		}
		return string(rs[:1]) + invisibles[turn.next(len(invisibles))] + string(rs[1:]), true
	}
}

func hanEvasions(s2t map[rune][]rune) map[string]evasion {
	var sepTurn turns
	han := func(term string) bool {
		return strings.ContainsFunc(term, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	}
	return map[string]evasion{
		"traditional": func(term string) (string, bool) {
			return mapLetters(term, func(_ int, r rune) string {
				if t := s2t[r]; len(t) > 0 {
					return string(t[0])
				}
				return string(r)
			})
		},
		"separator": func(term string) (string, bool) {
			if utf8.RuneCountInString(term) < 2 || !han(term) {
				return "", false
			}
			return strings.Join(strings.Split(term, ""), hanSeparators[sepTurn.next(len(hanSeparators))]), true
		},
		"invisible": invisibleEvasion(),
		"pinyin": func(term string) (string, bool) {
			if utf8.RuneCountInString(term) < 2 || strings.ContainsFunc(term, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
				return "", false
			}
			return strings.Join(pinyin.LazyPinyin(term, pinyin.NewArgs()), ""), true
		},
		"initials": func(term string) (string, bool) {
			if utf8.RuneCountInString(term) < 2 || strings.ContainsFunc(term, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
				return "", false
			}
			a := pinyin.NewArgs()
			a.Style = pinyin.FirstLetter
			return strings.Join(pinyin.LazyPinyin(term, a), ""), true
		},
		"split": func(term string) (string, bool) {
			split := map[rune]string{'妈': "女马", '强': "弓虽", '射': "身寸", '操': "扌喿", '你': "亻尔"}
			return mapLetters(term, func(_ int, r rune) string {
				if s, ok := split[r]; ok {
					return s
				}
				return string(r)
			})
		},
	}
}

// TestEvasionReport measures, on the shared development data, how many
// evasive spellings of plain word lists are still caught inside ordinary
// sentences, and how much innocent text the same lists match. It prints
// the table and guards against regressions.
func TestEvasionReport(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("shared data not found at %s; skipping the evasion report", sharedData)
	}
	enTerms := readLines(t, filepath.Join(sharedData, "recall", "ldnoobw_en.txt"))
	zhTerms := readLines(t, filepath.Join(sharedData, "recall", "ldnoobw_zh.txt"))
	// Import the lists the way `feedguard rules import` does.
	dedupe := func(terms []string) []string {
		seen := map[string]bool{}
		var out []string
		for _, term := range terms {
			if n := normalizeTerm(term); n != "" && !seen[n] {
				seen[n] = true
				out = append(out, term)
			}
		}
		return out
	}
	enTerms, zhTerms = dedupe(enTerms), dedupe(zhTerms)
	set, err := Compile(&Pack{Name: "lists", Rules: []*Rule{
		{ID: "en", Category: "profanity", Severity: SeverityMedium, Match: MatchWord, Terms: enTerms},
		{ID: "zh", Category: "profanity", Severity: SeverityMedium, Match: MatchSubstring, Pinyin: true, Terms: zhTerms},
	}})
	require.NoError(t, err)

	confusables := readPairs(t, filepath.Join(sharedData, "evasion_maps", "obscenity_confusables.tsv"))
	leet := readPairs(t, filepath.Join(sharedData, "evasion_maps", "obscenity_leetspeak.tsv"))
	s2t := readPairs(t, filepath.Join(sharedData, "zh_variants", "opencc_STCharacters.tsv"))

	type tally struct{ hit, total int }
	byKind := map[string]*tally{}
	missed := map[string][]string{}
	check := func(lang, kind, rule, sentence string, at int, variant string) {
		k := lang + " " + kind
		if byKind[k] == nil {
			byKind[k] = &tally{}
		}
		byKind[k].total++
		for _, m := range set.Find(sentence, FindOptions{Language: lang}) {
			if m.RuleID == rule && m.Start < at+len(variant) && at < m.End {
				byKind[k].hit++
				return
			}
		}
		if len(missed[k]) < 6 {
			missed[k] = append(missed[k], fmt.Sprintf("%q", variant))
		}
	}
	for kind, ev := range latinEvasions(confusables, leet) {
		for _, term := range enTerms {
			if v, ok := ev(term); ok {
				prefix := "honestly you are such a "
				check("en", kind, "en", prefix+v+" and everyone knows it", len(prefix), v)
			}
		}
	}
	for kind, ev := range hanEvasions(s2t) {
		for _, term := range zhTerms {
			if v, ok := ev(term); ok && v != term {
				prefix := "你这个"
				check("zh-Hans", kind, "zh", prefix+v+"真的很过分", len(prefix), v)
			}
		}
	}
	var kinds []string
	hit, total := 0, 0
	for k, v := range byKind {
		kinds = append(kinds, k)
		hit += v.hit
		total += v.total
	}
	sort.Strings(kinds)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-22s %6s %6s %7s\n", "evasion kind", "caught", "total", "recall")
	for _, k := range kinds {
		v := byKind[k]
		fmt.Fprintf(&b, "%-22s %6d %6d %6.1f%%\n", k, v.hit, v.total, 100*float64(v.hit)/float64(v.total))
	}
	fmt.Fprintf(&b, "%-22s %6d %6d %6.1f%%\n", "overall", hit, total, 100*float64(hit)/float64(total))

	// Innocent text that must not start matching.
	scunthorpe := readLines(t, filepath.Join(sharedData, "fp_innocent", "blns_scunthorpe.txt"))
	var sentences []string
	for _, f := range []string{"goaway_clean_sentences.txt", "goaway_false_positive_sentences.txt"} {
		sentences = append(sentences, readLines(t, filepath.Join(sharedData, "fp_innocent", f))...)
	}
	for _, l := range readLines(t, filepath.Join(sharedData, "langid", "lingua_pairs_sentences.tsv")) {
		if f := strings.Split(l, "\t"); len(f) == 3 && f[0] == "en" && f[1] == "sentences" {
			sentences = append(sentences, f[2])
		}
	}
	flagged := func(texts []string, lang string) (n int, examples []string) {
		for _, s := range texts {
			if ms := set.Find(s, FindOptions{Language: lang}); len(ms) > 0 {
				n++
				if len(examples) < 10 {
					examples = append(examples, fmt.Sprintf("%q (%s)", s, ms[0].Text))
				}
			}
		}
		return n, examples
	}
	scN, scEx := flagged(scunthorpe, "en")
	seN, seEx := flagged(sentences, "en")
	fmt.Fprintf(&b, "innocent: Scunthorpe strings matched %d/%d; English sentences matched %d/%d (%.2f%%)\n",
		scN, len(scunthorpe), seN, len(sentences), 100*float64(seN)/float64(len(sentences)))
	t.Log(b.String())
	for _, k := range kinds {
		if len(missed[k]) > 0 {
			t.Logf("missed %s: %s", k, strings.Join(missed[k], " "))
		}
	}
	t.Logf("innocent matches: %s; %s", strings.Join(scEx, "; "), strings.Join(seEx, "; "))

	// Regression guards, a little under the levels measured when the
	// report was made.
	assert.GreaterOrEqual(t, float64(hit)/float64(total), 0.97, "overall evasion recall")
	for _, k := range kinds {
		assert.GreaterOrEqual(t, float64(byKind[k].hit)/float64(byKind[k].total), 0.95, "recall of %s", k)
	}
	assert.LessOrEqual(t, scN, 2, "Scunthorpe strings matched")
	assert.LessOrEqual(t, float64(seN)/float64(len(sentences)), 0.01, "English sentences matched")
}
