// Package normalize folds text into the form rule terms are matched in,
// keeping a map from every normalised byte back to the span of the original
// text it came from, so a match found in the normalised text is reported on
// what the user wrote.
//
// The folding is NFKC (which also folds full-width and half-width forms),
// then lower-casing; invisible format characters (zero-width space, joiners,
// soft hyphen, ...) are dropped, and invalid UTF-8 bytes are replaced by
// U+FFFD one byte at a time. Text that is already normal, such as lower-case ASCII, is not
// copied.
package normalize

import (
	"sort"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Text is a normalised text with its map back to the original. A Text may
// be reused with Reset to avoid allocation; it is not safe for concurrent
// use. The zero value is an empty text.
type Text struct {
	orig string
	norm []byte // the normalised bytes: buf, or a read-only view of orig
	buf  []byte
	// segs lists the places where normalised and original bytes do not
	// correspond one to one, in order. Between two segments, and before the
	// first, bytes are aligned: the offset between normalised and original
	// positions is that at the end of the previous segment.
	segs []segment
	it   norm.Iter
}

type segment struct {
	normStart, normEnd int
	origStart, origEnd int
}

// String normalises s into a new Text.
func String(s string) *Text {
	t := new(Text)
	t.Reset(s)
	return t
}

// Fold returns the normalised form of s, as rule terms are compiled.
func Fold(s string) string {
	var t Text
	t.Reset(s)
	return string(t.norm)
}

// Original returns the text that was normalised.
func (t *Text) Original() string { return t.orig }

// Bytes returns the normalised text. The caller must not modify it: it may
// share memory with the original string.
func (t *Text) Bytes() []byte { return t.norm }

// Reset normalises s into t, reusing t's memory.
func (t *Text) Reset(s string) {
	t.orig = s
	t.segs = t.segs[:0]
	// Fast path: lower-case ASCII is already normal.
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			break
		}
		i++
	}
	if i == len(s) {
		t.norm = unsafe.Slice(unsafe.StringData(s), len(s))
		return
	}
	buf := append(t.buf[:0], s[:i]...)
	// ASCII letters are folded in place; anything else goes through NFKC.
	// A combining mark may follow an ASCII letter and compose with it, so
	// NFKC restarts at the last ASCII byte before a non-ASCII one.
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		j := i + 1
		for j < len(s) && !(s[j] < utf8.RuneSelf && (j+1 == len(s) || s[j+1] < utf8.RuneSelf)) {
			j++
		}
		buf = t.foldRun(buf, s, i, j)
		i = j
	}
	t.buf = buf
	t.norm = buf
}

// foldRun normalises s[from:to] with NFKC and lower-casing, appending to
// buf and recording segments where bytes are not aligned.
func (t *Text) foldRun(buf []byte, s string, from, to int) []byte {
	it := &t.it
	it.InitString(norm.NFKC, s[from:to])
	pendingNorm, pendingOrig := -1, 0
	for !it.Done() {
		start := from + it.Pos()
		out := it.Next()
		end := from + it.Pos()
		normStart := len(buf)
		if pendingNorm >= 0 {
			normStart, start = pendingNorm, pendingOrig
		}
		buf = foldCase(buf, out)
		if end == start {
			// Output with no source of its own yet (a decomposition
			// such as "ﬁ" → "f" "i"): attach it to what follows.
			if pendingNorm < 0 {
				pendingNorm, pendingOrig = normStart, start
			}
			continue
		}
		pendingNorm = -1
		if aligned(buf[normStart:], s[start:end]) {
			continue
		}
		t.segs = append(t.segs, segment{normStart, len(buf), start, end})
	}
	if pendingNorm >= 0 && pendingNorm < len(buf) {
		// Only reachable if the iterator ends on unattached output.
		t.segs = append(t.segs, segment{pendingNorm, len(buf), pendingOrig, to})
	}
	return buf
}

// aligned reports whether out maps byte for byte onto orig: equal bytes, or
// one rune replaced by one rune of the same length (as lower-casing does).
func aligned(out []byte, orig string) bool {
	if len(out) != len(orig) {
		return false
	}
	if string(out) == orig {
		return true
	}
	_, n1 := utf8.DecodeRune(out)
	_, n2 := utf8.DecodeRuneInString(orig)
	return n1 == len(out) && n2 == len(orig)
}

// foldCase appends b lower-cased, with invalid bytes replaced by U+FFFD.
func foldCase(buf, b []byte) []byte {
	for len(b) > 0 {
		c := b[0]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		if Invisible(r) {
			continue
		}
		buf = utf8.AppendRune(buf, FoldRune(r))
	}
	return buf
}

// Invisible reports whether r is a format character that renders as
// nothing (zero-width space and joiners, word joiner, byte-order mark, soft
// hyphen, bidirectional controls): the normaliser drops these, so "f\u200buck"
// reads as "fuck".
func Invisible(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}

// FoldRune lower-cases one rune the way the normaliser does.
func FoldRune(r rune) rune {
	switch r {
	case 'ς':
		return 'σ'
	case utf8.RuneError:
		return r
	}
	return unicode.ToLower(r)
}

// OriginalSpan maps the normalised byte range [start, end) back to the
// range of the original text it came from.
func (t *Text) OriginalSpan(start, end int) (int, int) {
	if len(t.segs) == 0 {
		return start, end
	}
	return t.origStart(start), t.origEnd(end)
}

// origStart maps a normalised offset that starts a match.
func (t *Text) origStart(x int) int {
	// The last segment starting at or before x.
	k := sort.Search(len(t.segs), func(i int) bool { return t.segs[i].normStart > x }) - 1
	if k < 0 {
		return x
	}
	sg := t.segs[k]
	if x < sg.normEnd {
		return sg.origStart
	}
	return sg.origEnd + (x - sg.normEnd)
}

// origEnd maps a normalised offset that ends a match.
func (t *Text) origEnd(x int) int {
	// The last segment starting before x.
	k := sort.Search(len(t.segs), func(i int) bool { return t.segs[i].normStart >= x }) - 1
	if k < 0 {
		return x
	}
	sg := t.segs[k]
	if x <= sg.normEnd {
		return sg.origEnd
	}
	return sg.origEnd + (x - sg.normEnd)
}

// Step names one transformation the normaliser may apply.
type Step string

// The steps, as reported in a match's explanation.
const (
	StepWidth     Step = "width"     // full-width or half-width forms folded
	StepCompat    Step = "nfkc"      // other compatibility forms folded (ligatures, circled digits, ...)
	StepCase      Step = "case"      // upper-case letters lowered
	StepInvalid   Step = "invalid"   // invalid UTF-8 replaced
	StepInvisible Step = "invisible" // zero-width and other invisible characters removed
)

// Steps reports which transformations changed the original text orig (a
// matched range), in a fixed order. It returns nil when orig was taken as
// written.
func Steps(orig string) []Step {
	var w, k, c, inv, invis bool
	for i := 0; i < len(orig); {
		r, n := utf8.DecodeRuneInString(orig[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			inv = true
		case r < utf8.RuneSelf:
			c = c || ('A' <= r && r <= 'Z')
		case Invisible(r):
			invis = true
		default:
			folded := norm.NFKC.String(string(r))
			if folded != string(r) {
				switch width.LookupRune(r).Kind() {
				case width.EastAsianFullwidth, width.EastAsianHalfwidth:
					w = true
				default:
					k = true
				}
			}
			for _, fr := range folded {
				c = c || FoldRune(fr) != fr
			}
		}
	}
	var steps []Step
	if w {
		steps = append(steps, StepWidth)
	}
	if k {
		steps = append(steps, StepCompat)
	}
	if c {
		steps = append(steps, StepCase)
	}
	if inv {
		steps = append(steps, StepInvalid)
	}
	if invis {
		steps = append(steps, StepInvisible)
	}
	return steps
}
