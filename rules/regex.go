package rules

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPatternLen bounds a regular expression's source.
const maxPatternLen = 4096

// checkPattern reports why a rule's regular expression is unusable: it
// does not compile, can match the empty string, or is too long.
func checkPattern(s string) error {
	if len(s) > maxPatternLen {
		return fmt.Errorf("regex is %d bytes, more than the %d allowed", len(s), maxPatternLen)
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return fmt.Errorf("regex %q: %s", s, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	if re.MatchString("") {
		return fmt.Errorf("regex %q matches the empty string", s)
	}
	return nil
}

// regexRule is a compiled rule's patterns and their gates.
type regexRule struct {
	rule       int32
	res        []*regexp.Regexp
	pre        []*prefilter // per pattern, what a text must hold to match; nil when nothing
	gated      bool         // has When literals
	whenDigits int
}

// countDigits counts decimal digits, stopping once n are found.
func countDigits(s string, n int) int {
	c := 0
	for i := 0; i < len(s) && c < n; {
		b := s[i]
		if b < utf8.RuneSelf {
			if '0' <= b && b <= '9' {
				c++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsDigit(r) {
			c++
		}
		i += size
	}
	return c
}
