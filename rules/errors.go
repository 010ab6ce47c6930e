package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Position is a place in a rule-pack file. Line and Column are 1-based;
// Column counts bytes, as go/token does. A zero Line means the problem
// concerns the file as a whole.
type Position struct {
	File   string
	Line   int
	Column int
}

// String formats the position as "file:line:col", leaving out what is unknown.
func (p Position) String() string {
	s := p.File
	if s == "" {
		s = "<input>"
	}
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Column > 0 {
			s += fmt.Sprintf(":%d", p.Column)
		}
	}
	return s
}

// Error is one problem found in a rule pack.
type Error struct {
	Pos    Position
	RuleID string // the rule the problem belongs to, when known
	Msg    string
}

// Error formats the problem as "file:line:col: message", naming the rule
// when it is known.
func (e *Error) Error() string {
	if e.RuleID != "" {
		return fmt.Sprintf("%s: rule %q: %s", e.Pos, e.RuleID, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
}

// ErrorList is every problem found while parsing or compiling rule packs,
// modelled on go/scanner.ErrorList. A pack with any error is rejected whole.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Position, ruleID, msg string) {
	*l = append(*l, &Error{Pos: pos, RuleID: ruleID, Msg: msg})
}

// Len, Less and Swap sort the list by file, line and column.
func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i].Pos, l[j].Pos
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// Sort orders the list by position.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error lists every problem, one per line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return "rules: " + l[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "rules: %d problems:", len(l))
	for _, e := range l {
		b.WriteString("\n\t")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil when the list is empty and the sorted list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
