package rules

import (
	"bytes"
	"regexp/syntax"
	"slices"
	"unicode/utf8"

	"github.com/feedguard/feedguard/rules/internal/ahocorasick"
)

// A regex rule's pattern is often far more expensive to run than to rule
// out: most windows a gate opens hold none of the words the pattern needs
// ("河南人都很热情" has the pivot 都 but none of the insults). requirement
// finds, from the pattern's syntax, sets of literal strings such that every
// match contains at least one string of every set; a window that lacks one
// of the sets cannot match and the pattern is not run on it.

// Bounds of the analysis.
const (
	maxClassRunes  = 16  // a character class is a set of literals up to this size
	maxExactSet    = 64  // strings in the exact language of a sub-pattern
	maxRequiredSet = 256 // strings in one necessary set
	maxRequired    = 4   // necessary sets kept per pattern
	minRequiredLen = 2   // bytes of the shortest string of a kept set
)

// litSet is a set of literal strings, without duplicates.
type litSet []string

func (s litSet) minLen() int {
	m := -1
	for _, x := range s {
		if m < 0 || len(x) < m {
			m = len(x)
		}
	}
	return m
}

func (s litSet) hasEmpty() bool { return slices.Contains(s, "") }

func union(a, b litSet) litSet {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// product returns every concatenation of a string of a with one of b, or
// false when there would be more than limit.
func product(a, b litSet, limit int) (litSet, bool) {
	if len(a)*len(b) > limit {
		return nil, false
	}
	var out litSet
	for _, x := range a {
		for _, y := range b {
			if s := x + y; !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out, true
}

// exactStrings returns every string re can match, when there are few of
// them. Empty-width assertions match "".
func exactStrings(re *syntax.Regexp) (litSet, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || slices.Contains(re.Rune, utf8.RuneError) {
			return nil, false
		}
		return litSet{string(re.Rune)}, true
	case syntax.OpCharClass:
		var out litSet
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi-lo >= maxClassRunes || len(out)+int(hi-lo)+1 > maxClassRunes || lo <= utf8.RuneError && utf8.RuneError <= hi {
				return nil, false
			}
			for r := lo; r <= hi; r++ {
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return litSet{""}, true
	case syntax.OpCapture:
		return exactStrings(re.Sub[0])
	case syntax.OpQuest:
		s, ok := exactStrings(re.Sub[0])
		if !ok {
			return nil, false
		}
		return union(s, litSet{""}), true
	case syntax.OpConcat:
		out := litSet{""}
		for _, sub := range re.Sub {
			s, ok := exactStrings(sub)
			if !ok {
				return nil, false
			}
			if out, ok = product(out, s, maxExactSet); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out litSet
		for _, sub := range re.Sub {
			s, ok := exactStrings(sub)
			if !ok {
				return nil, false
			}
			if out = union(out, s); len(out) > maxExactSet {
				return nil, false
			}
		}
		return out, true
	case syntax.OpRepeat:
		if re.Max < 0 || re.Max > 4 {
			return nil, false
		}
		s, ok := exactStrings(re.Sub[0])
		if !ok {
			return nil, false
		}
		var out litSet
		k := litSet{""}
		for n := 0; n <= re.Max; n++ {
			if n >= re.Min {
				out = union(out, k)
			}
			if n < re.Max {
				if k, ok = product(k, s, maxExactSet); !ok {
					return nil, false
				}
			}
		}
		return out, len(out) <= maxExactSet
	}
	return nil, false
}

// required returns sets of literals such that every match of re contains
// a string of each set.
func required(re *syntax.Regexp) []litSet {
	if s, ok := exactStrings(re); ok {
		if s.hasEmpty() || len(s) == 0 {
			return nil
		}
		return []litSet{s}
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		// Runs of sub-patterns with few exact strings multiply into
		// longer literals ("." then com|net gives ".com", ".net").
		var out []litSet
		var run litSet
		flush := func() {
			if len(run) > 0 && !run.hasEmpty() {
				out = append(out, run)
			}
			run = nil
		}
		for _, sub := range re.Sub {
			s, ok := exactStrings(sub)
			if !ok {
				flush()
				out = append(out, required(sub)...)
				continue
			}
			if run == nil {
				run = s
				continue
			}
			if p, ok := product(run, s, maxExactSet); ok {
				run = p
				continue
			}
			flush()
			run = s
		}
		flush()
		return out
	case syntax.OpAlternate:
		var out litSet
		for _, sub := range re.Sub {
			sets := required(sub)
			if len(sets) == 0 {
				return nil
			}
			if out = union(out, best(sets)); len(out) > maxRequiredSet {
				return nil
			}
		}
		return []litSet{out}
	}
	return nil
}

// best picks the most selective of several necessary sets: the one whose
// shortest string is longest, then the smallest.
func best(sets []litSet) litSet {
	b := sets[0]
	for _, s := range sets[1:] {
		if s.minLen() > b.minLen() || s.minLen() == b.minLen() && len(s) < len(b) {
			b = s
		}
	}
	return b
}

// prefilter tells whether a pattern may match a text: the text must hold
// a string of every one of its sets.
type prefilter struct {
	sets [][][]byte
	// acs holds, for a set of more than smallSet strings, an automaton
	// that looks for all of them in one pass; nil for smaller sets, which
	// are searched one string at a time.
	acs []*ahocorasick.Automaton
}

// smallSet is the most strings a set may hold and still be searched for
// one by one.
const smallSet = 4

// newPrefilter analyses pattern; it returns nil when nothing useful is
// required of a match, and the pattern must always run.
func newPrefilter(pattern string) *prefilter {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	var sets []litSet
	for _, s := range required(re.Simplify()) {
		if s.minLen() >= minRequiredLen {
			sets = append(sets, s)
		}
	}
	if len(sets) == 0 {
		return nil
	}
	// Sets of longer strings first: they are the likeliest to be missing.
	slices.SortStableFunc(sets, func(a, b litSet) int { return b.minLen() - a.minLen() })
	p := &prefilter{}
	for _, s := range sets[:min(len(sets), maxRequired)] {
		var bs [][]byte
		for _, x := range s {
			bs = append(bs, []byte(x))
		}
		p.sets = append(p.sets, bs)
		var ac *ahocorasick.Automaton
		if len(bs) > smallSet {
			ac, _ = ahocorasick.BuildCompact(bs) // on error, fall back to one string at a time
		}
		p.acs = append(p.acs, ac)
	}
	return p
}

// mayMatch reports whether b holds a string of every set. A nil prefilter
// says yes.
func (p *prefilter) mayMatch(b []byte) bool {
	if p == nil {
		return true
	}
	for i, set := range p.sets {
		if ac := p.acs[i]; ac != nil {
			found := false
			ac.FindAll(b, func(ahocorasick.Match) bool {
				found = true
				return false
			})
			if !found {
				return false
			}
			continue
		}
		if !slices.ContainsFunc(set, func(lit []byte) bool { return bytes.Contains(b, lit) }) {
			return false
		}
	}
	return true
}
