package textscan

import (
	"unicode"
	"unicode/utf8"

	"github.com/feedguard/feedguard/langdetect/internal/hanzi"
)

// Word is a maximal sequence of letters (with their combining marks) of one
// script, as byte offsets into the scanned text.
type Word struct {
	Start, End int
}

// Run is a sequence of words of one script separated only by characters
// that carry no language (spaces, punctuation, digits, emoji, stripped
// URLs, mentions and hashtags).
type Run struct {
	Start, End int    // byte offsets: start of the first letter, end of the last
	Script     Script // writing system of every word in the run
	Letters    int    // letters in the run, marks not counted
	FirstWord  int    // index of the first word in Scanner.Words
	LastWord   int    // index after the last word
	Evidence          // CJK evidence counts, zero unless Script is CJK
}

// Evidence counts the evidence a CJK run gives for Chinese or Japanese.
type Evidence struct {
	Han         int // Han characters
	Kana        int // kana characters
	WeakKana    int // kana that are a lone の between Han characters, as Chinese posts borrow it
	Simplified  int // Simplified-only Han characters
	Traditional int // Traditional-only Han characters
	Japanese    int // Japanese-only Han characters
}

func (c *Evidence) add(o Evidence) {
	c.Han += o.Han
	c.Kana += o.Kana
	c.WeakKana += o.WeakKana
	c.Simplified += o.Simplified
	c.Traditional += o.Traditional
	c.Japanese += o.Japanese
}

// Scanner holds reusable buffers; the zero value is ready to use. A Scanner
// must not be used by several goroutines at once.
type Scanner struct {
	Runs  []Run
	Words []Word
}

// Scan splits text[:limit] (or all of text if it is shorter) into runs,
// replacing the previous contents of s.Runs and s.Words, and returns the
// number of bytes scanned (limit moved back to a rune boundary). Invalid
// UTF-8 is treated as U+FFFD, which carries no language.
func (s *Scanner) Scan(text string, limit int) int {
	s.Runs = s.Runs[:0]
	s.Words = s.Words[:0]
	if limit >= len(text) {
		limit = len(text)
	} else {
		for limit > 0 && !utf8.RuneStart(text[limit]) {
			limit--
		}
	}
	text = text[:limit]

	var (
		word     Word
		wordScr  = None
		wordLen  int // letters in the current word
		wordCJK  Evidence
		prev     rune // previous rune, ' ' after an entity
		prevKind kind
	)
	flush := func() {
		if wordScr == None {
			return
		}
		scr := wordScr
		wordScr = None
		if wordLen == 1 && scr != Hangul && (scr != CJK || wordCJK.Kana == 1) && decorative(text, word) {
			return // a letter inside a kaomoji such as (´д｀) or (ﾉ◕ヮ◕)ﾉ
		}
		n := len(s.Runs)
		if n == 0 || s.Runs[n-1].Script != scr {
			s.Runs = append(s.Runs, Run{Start: word.Start, Script: scr, FirstWord: len(s.Words)})
			n++
		}
		r := &s.Runs[n-1]
		s.Words = append(s.Words, word)
		r.End = word.End
		r.LastWord = len(s.Words)
		r.Letters += wordLen
		r.Evidence.add(wordCJK)
	}

	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			if end := entityEnd(text, i, prev); end > i {
				flush()
				i = end
				prev, prevKind = ' ', kindOther
				continue
			}
		}
		r, size := rune(c), 1
		if c >= 0x80 {
			r, size = utf8.DecodeRuneInString(text[i:])
			if r == '＃' {
				if end := hashtagEnd(text, i+size); end > i+size {
					flush()
					i = end
					prev, prevKind = ' ', kindOther
					continue
				}
			}
		}
		scr, k := classify(r)
		switch {
		case scr == None:
			if wordScr != None && isJoiner(r) {
				word.End = i + size
			} else {
				flush()
			}
		default:
			if scr != wordScr {
				flush()
				word = Word{Start: i}
				wordScr = scr
				wordLen = 0
				wordCJK = Evidence{}
			}
			word.End = i + size
			wordLen++
			switch k {
			case kindHan:
				wordCJK.Han++
				switch hanzi.Lookup(r) {
				case hanzi.Simplified:
					wordCJK.Simplified++
				case hanzi.Traditional:
					wordCJK.Traditional++
				case hanzi.Japanese:
					wordCJK.Japanese++
				}
			case kindKana:
				wordCJK.Kana++
				if r == 'の' && prevKind == kindHan {
					next, _ := utf8.DecodeRuneInString(text[i+size:])
					if _, nk := classify(next); nk == kindHan {
						wordCJK.WeakKana++
					}
				}
			}
		}
		prev, prevKind = r, k
		i += size
	}
	flush()
	return limit
}

// decorative reports whether the one-letter word w is part of a kaomoji or
// similar decoration rather than text: it is decorative unless each side is
// the text's edge, a space or ordinary sentence punctuation.
func decorative(text string, w Word) bool {
	if w.Start > 0 {
		before, _ := utf8.DecodeLastRuneInString(text[:w.Start])
		if !plain(before) {
			return true
		}
	}
	if w.End < len(text) {
		after, _ := utf8.DecodeRuneInString(text[w.End:])
		if !plain(after) {
			return true
		}
	}
	return false
}

func plain(r rune) bool {
	switch r {
	case '.', ',', '!', '?', ';', ':', '\'', '"', '。', '，', '！', '？', '、', '；', '：', '’', '‘', '“', '”', '~', '～':
		return true
	}
	return unicode.IsSpace(r)
}
