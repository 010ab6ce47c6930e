package rules

import (
	"fmt"
	"slices"
)

// Test runs every rule's own examples against the set: each text under
// examples.match must produce a match of that rule, and each text under
// examples.no_match must not. A scoped rule's examples are judged as text
// in the first of its languages, a rule asking for pinyin as Chinese, and
// any other rule's as text of unknown language. Failures come back as an ErrorList
// positioned at the rule; nil means every example held.
func (s *Set) Test() error {
	var errs ErrorList
	for _, r := range s.rules {
		opts := FindOptions{}
		switch {
		case len(r.Languages) > 0:
			opts.Language = r.Languages[0]
		case r.Pinyin:
			opts.Language = "zh"
		}
		hit := func(text string) bool {
			return slices.ContainsFunc(s.Find(text, opts), func(m Match) bool { return m.RuleID == r.ID })
		}
		for _, ex := range r.Examples.Match {
			if !hit(ex) {
				errs.Add(r.pos, r.ID, fmt.Sprintf("example %q should match but does not", ex))
			}
		}
		for _, ex := range r.Examples.NoMatch {
			if hit(ex) {
				errs.Add(r.pos, r.ID, fmt.Sprintf("example %q should not match but does", ex))
			}
		}
	}
	return errs.Err()
}
