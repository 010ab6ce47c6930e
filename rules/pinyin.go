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

// romanize returns the romanised forms of a term holding two Han
// characters or more: full pinyin joined ("shabi") and spaced ("sha bi"),
// and initials ("sb"). Characters other than Han are kept as written
// ("傻b" gives "shab"). It uses each character's most common reading.
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
