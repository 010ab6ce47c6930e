package rules

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// variant is a romanised form of a Chinese term.
type variant struct {
	text string
	kind string // "pinyin" or "initials"
}

var (
	pinyinArgs = func() pinyin.Args {
		a := pinyin.NewArgs()
		a.Fallback = func(r rune, _ pinyin.Args) []string { return []string{string(r)} }
		return a
	}()
	initialArgs = func() pinyin.Args {
		a := pinyin.NewArgs()
		a.Style = pinyin.FirstLetter
		a.Fallback = pinyinArgs.Fallback
		return a
	}()
)

// maxMixed is the longest all-Han term whose forms half in characters,
// half in pinyin are generated (2^n - 2 of them).
const maxMixed = 4

// romanize returns the romanised forms of a term holding two Han
// characters or more: full pinyin joined ("shabi") and spaced ("sha bi"),
// and initials ("sb"). Characters other than Han are kept as written
// ("傻b" gives "shab"). A term of two to four Han characters also gets the
// forms that write some of its characters in pinyin and keep the others
// ("傻bi", "sha逼"). It uses each character's most common reading.
func romanize(term string) []variant {
	han := 0
	for _, r := range term {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	if han < 2 {
		return nil
	}
	syl := flatten(pinyin.Pinyin(term, pinyinArgs))
	ini := flatten(pinyin.Pinyin(term, initialArgs))
	var out []variant
	add := func(s, kind string) {
		s = strings.TrimSpace(s)
		if s == "" || strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			return
		}
		for _, v := range out {
			if v.text == s {
				return
			}
		}
		out = append(out, variant{s, kind})
	}
	add(strings.Join(syl, ""), "pinyin")
	add(strings.Join(syl, " "), "pinyin")
	add(strings.Join(ini, ""), "initials")
	rs := []rune(term)
	if han != len(rs) || han > maxMixed || len(syl) != len(rs) {
		return out
	}
	for mask := 1; mask < 1<<len(rs)-1; mask++ {
		var b strings.Builder
		for i, r := range rs {
			if mask&(1<<i) != 0 {
				b.WriteString(syl[i])
			} else {
				b.WriteRune(r)
			}
		}
		out = append(out, variant{b.String(), "pinyin"})
	}
	return out
}

func flatten(readings [][]string) []string {
	out := make([]string, 0, len(readings))
	for _, r := range readings {
		if len(r) > 0 {
			out = append(out, r[0])
		}
	}
	return out
}
