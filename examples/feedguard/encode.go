package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/feedguard/feedguard/moderation"
	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

// appendScanLine appends l as encoding/json, with HTML escaping off,
// renders it (without the final newline), writing the fields by hand
// rather than through reflection. It reports false, leaving dst's new
// bytes unspecified, for what it does not render as encoding/json would:
// an id that is not valid JSON, a float that is not finite, an action out
// of range. The caller then falls back to encoding/json.
// TestAppendScanLine checks it against encoding/json, and that the
// encoded types still have the fields it writes.
func appendScanLine(dst []byte, l *scanLine, scratch *bytes.Buffer) ([]byte, bool) {
	dst = append(dst, '{')
	comma := false
	if len(l.ID) > 0 {
		// encoding/json compacts a json.RawMessage: the id as given, less
		// the whitespace between its tokens.
		scratch.Reset()
		if json.Compact(scratch, l.ID) != nil {
			return dst, false
		}
		dst = append(dst, `"id":`...)
		dst = append(dst, scratch.Bytes()...)
		comma = true
	}
	if l.File != "" {
		if comma {
			dst = append(dst, ',')
		}
		dst = append(dst, `"file":`...)
		dst = appendJSONString(dst, l.File)
		comma = true
	}
	if comma {
		dst = append(dst, ',')
	}
	dst = append(dst, `"line":`...)
	dst = strconv.AppendInt(dst, int64(l.Line), 10)
	if l.Error != "" {
		dst = append(dst, `,"error":`...)
		dst = appendJSONString(dst, l.Error)
	}
	if l.Verdict != nil {
		var ok bool
		if dst, ok = appendVerdictFields(dst, l.Verdict); !ok {
			return dst, false
		}
	}
	return append(dst, '}'), true
}

// appendVerdictFields appends the fields of v, each after a comma.
func appendVerdictFields(dst []byte, v *moderation.Verdict) ([]byte, bool) {
	var ok bool
	dst = append(dst, `,"action":`...)
	if dst, ok = appendAction(dst, v.Action); !ok {
		return dst, false
	}
	dst = append(dst, `,"language":`...)
	dst = appendJSONString(dst, v.Language)
	dst = append(dst, `,"language_confidence":`...)
	if dst, ok = appendFloat(dst, v.LanguageConfidence); !ok {
		return dst, false
	}
	dst = append(dst, `,"language_spans":`...)
	if v.LanguageSpans == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, s := range v.LanguageSpans {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"start":`...)
			dst = strconv.AppendInt(dst, int64(s.Start), 10)
			dst = append(dst, `,"end":`...)
			dst = strconv.AppendInt(dst, int64(s.End), 10)
			dst = append(dst, `,"language":`...)
			dst = appendJSONString(dst, s.Language)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"categories":`...)
	dst = appendStrings(dst, v.Categories)
	dst = append(dst, `,"matches":`...)
	if v.Matches == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range v.Matches {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendMatch(dst, &v.Matches[i])
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"tone":`...)
	if dst, ok = appendTone(dst, &v.Tone); !ok {
		return dst, false
	}
	dst = append(dst, `,"reasons":`...)
	dst = appendStrings(dst, v.Reasons)
	dst = append(dst, `,"profile":`...)
	dst = appendJSONString(dst, v.Profile)
	if v.Policy != "" {
		dst = append(dst, `,"policy":`...)
		dst = appendJSONString(dst, v.Policy)
	}
	if v.Shadow {
		dst = append(dst, `,"shadow":true`...)
	}
	if v.ShadowAction != 0 {
		dst = append(dst, `,"shadow_action":`...)
		if dst, ok = appendAction(dst, v.ShadowAction); !ok {
			return dst, false
		}
	}
	if v.Masked != "" {
		dst = append(dst, `,"masked":`...)
		dst = appendJSONString(dst, v.Masked)
	}
	dst = append(dst, `,"rules_version":`...)
	dst = appendJSONString(dst, v.RulesVersion)
	if v.Truncated {
		dst = append(dst, `,"truncated":true`...)
	}
	return dst, true
}

func appendMatch(dst []byte, m *rules.Match) []byte {
	dst = append(dst, `{"rule":`...)
	dst = appendJSONString(dst, m.RuleID)
	dst = append(dst, `,"category":`...)
	dst = appendJSONString(dst, m.Category)
	dst = append(dst, `,"severity":`...)
	dst = strconv.AppendInt(dst, int64(m.Severity), 10)
	dst = append(dst, `,"start":`...)
	dst = strconv.AppendInt(dst, int64(m.Start), 10)
	dst = append(dst, `,"end":`...)
	dst = strconv.AppendInt(dst, int64(m.End), 10)
	dst = append(dst, `,"text":`...)
	dst = appendJSONString(dst, m.Text)
	if m.Term != "" {
		dst = append(dst, `,"term":`...)
		dst = appendJSONString(dst, m.Term)
	}
	if m.Pattern != "" {
		dst = append(dst, `,"pattern":`...)
		dst = appendJSONString(dst, m.Pattern)
	}
	if m.Language != "" {
		dst = append(dst, `,"language":`...)
		dst = appendJSONString(dst, m.Language)
	}
	if len(m.Steps) > 0 {
		dst = append(dst, `,"steps":`...)
		dst = appendStrings(dst, m.Steps)
	}
	if m.Gloss != "" {
		dst = append(dst, `,"gloss":`...)
		dst = appendJSONString(dst, m.Gloss)
	}
	if m.Paranoia != 0 {
		dst = append(dst, `,"paranoia":`...)
		dst = strconv.AppendInt(dst, int64(m.Paranoia), 10)
	}
	if m.Field != "" {
		dst = append(dst, `,"field":`...)
		dst = appendJSONString(dst, m.Field)
	}
	if m.Quoted {
		dst = append(dst, `,"quoted":true`...)
	}
	return append(dst, '}')
}

func appendTone(dst []byte, t *tone.Result) ([]byte, bool) {
	var ok bool
	dst = append(dst, `{"score":`...)
	if dst, ok = appendFloat(dst, t.Score); !ok {
		return dst, false
	}
	dst = append(dst, `,"label":`...)
	dst = appendJSONString(dst, t.Label)
	dst = append(dst, `,"signals":`...)
	if t.Signals == nil {
		dst = append(dst, "null"...)
		return append(dst, '}'), true
	}
	dst = append(dst, '[')
	for i := range t.Signals {
		s := &t.Signals[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"name":`...)
		dst = appendJSONString(dst, s.Name)
		dst = append(dst, `,"strength":`...)
		if dst, ok = appendFloat(dst, s.Strength); !ok {
			return dst, false
		}
		dst = append(dst, `,"weight":`...)
		if dst, ok = appendFloat(dst, s.Weight); !ok {
			return dst, false
		}
		dst = append(dst, `,"contribution":`...)
		if dst, ok = appendFloat(dst, s.Contribution); !ok {
			return dst, false
		}
		if len(s.Evidence) > 0 {
			dst = append(dst, `,"evidence":[`...)
			for j, e := range s.Evidence {
				if j > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, `{"start":`...)
				dst = strconv.AppendInt(dst, int64(e.Start), 10)
				dst = append(dst, `,"end":`...)
				dst = strconv.AppendInt(dst, int64(e.End), 10)
				dst = append(dst, `,"text":`...)
				dst = appendJSONString(dst, e.Text)
				dst = append(dst, '}')
			}
			dst = append(dst, ']')
		}
		dst = append(dst, '}')
	}
	dst = append(dst, ']', '}')
	return dst, true
}

// appendAction appends the action's name, as its MarshalText gives it.
func appendAction(dst []byte, a moderation.Action) ([]byte, bool) {
	if a < moderation.Allow || a > moderation.Block {
		return dst, false
	}
	dst = append(dst, '"')
	dst = append(dst, a.String()...)
	return append(dst, '"'), true
}

// appendStrings appends a list of strings; nil is null.
func appendStrings(dst []byte, list []string) []byte {
	if list == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendFloat appends f as encoding/json writes a float64: like
// JavaScript's Number.prototype.toString, the shortest decimal that reads
// back as f, in exponent form below 1e-6 and from 1e21.
func appendFloat(dst []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9.
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, true
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it with HTML
// escaping off: '"', '\\' and control characters escaped, invalid UTF-8
// bytes as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
