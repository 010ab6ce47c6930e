package main

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/feedguard/feedguard/moderation"
)

// parseJSONRecordFast reads the common record, a valid JSON object whose
// text and extra fields are strings, in one pass over the line and without
// building a map of its fields. It gives the record parseJSONRecord's slow
// path would give, and reports false, for the slow path to read it and
// describe its problems, for anything else: invalid JSON, a missing text
// field, a field that is not a string, an escaped or invalid UTF-8 key,
// dotted field names, deep nesting. FuzzParseJSONRecord checks it against
// the slow path.
func parseJSONRecordFast(name string, line int, data []byte, fl fields) (record, bool) {
	if strings.Contains(fl.id, ".") || strings.Contains(fl.text, ".") || strings.Contains(fl.label, ".") || len(fl.extra) > 8 {
		return record{}, false
	}
	for _, e := range fl.extra {
		if strings.Contains(e, ".") {
			return record{}, false
		}
	}
	// Where each wanted field's value is, the last one when a key repeats
	// (as in the map encoding/json fills).
	type span struct{ start, end int }
	var id, text, label span
	var extra [8]span
	p := jsonParser{data: data}
	p.skipSpace()
	if !p.consume('{') {
		return record{}, false
	}
	p.skipSpace()
	if !p.consume('}') {
		for {
			p.skipSpace()
			ks, ke, ok := p.key()
			if !ok {
				return record{}, false
			}
			p.skipSpace()
			if !p.consume(':') {
				return record{}, false
			}
			p.skipSpace()
			vs := p.i
			if !p.value(0) {
				return record{}, false
			}
			v := span{vs, p.i}
			key := data[ks:ke]
			if string(key) == fl.id {
				id = v
			}
			if string(key) == fl.text {
				text = v
			}
			if fl.label != "" && string(key) == fl.label {
				label = v
			}
			for k, e := range fl.extra {
				if string(key) == e {
					extra[k] = v
				}
			}
			p.skipSpace()
			if p.consume('}') {
				break
			}
			if !p.consume(',') {
				return record{}, false
			}
		}
	}
	p.skipSpace()
	if p.i != len(data) {
		return record{}, false
	}
	// Only a string text is read here.
	if text.end == 0 || data[text.start] != '"' {
		return record{}, false
	}
	rec := record{file: name, line: line}
	rec.text = unquoteJSON(data[text.start:text.end])
	for k, e := range fl.extra {
		v := extra[k]
		if v.end == 0 || isNullAt(data, v.start, v.end) {
			continue
		}
		if data[v.start] != '"' {
			return record{}, false
		}
		rec.extra = append(rec.extra, moderation.Field{Name: e, Text: unquoteJSON(data[v.start:v.end])})
	}
	if id.end > 0 && !isNullAt(data, id.start, id.end) {
		rec.id = append([]byte(nil), data[id.start:id.end]...)
	}
	if fl.label != "" && label.end > 0 && !isNullAt(data, label.start, label.end) {
		rec.label = append([]byte(nil), data[label.start:label.end]...)
	}
	return rec, true
}

func isNullAt(data []byte, start, end int) bool { return string(data[start:end]) == "null" }

// maxFastDepth is the deepest nesting the fast path reads; deeper records
// go to encoding/json.
const maxFastDepth = 100

// jsonParser checks JSON as encoding/json's scanner does, accepting exactly
// what it accepts, up to maxFastDepth.
type jsonParser struct {
	data []byte
	i    int
}

func (p *jsonParser) skipSpace() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) consume(c byte) bool {
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// key reads an object key and returns the bounds of its contents. It
// fails on a key the fast path does not read: one with escapes or with
// invalid UTF-8, which encoding/json would rewrite.
func (p *jsonParser) key() (int, int, bool) {
	if !p.consume('"') {
		return 0, 0, false
	}
	start := p.i
	ascii := true
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			end := p.i
			p.i++
			if !ascii && !utf8.Valid(p.data[start:end]) {
				return 0, 0, false
			}
			return start, end, true
		case c == '\\' || c < 0x20:
			return 0, 0, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return 0, 0, false
}

// value skips one JSON value, checking it.
func (p *jsonParser) value(depth int) bool {
	if p.i >= len(p.data) {
		return false
	}
	switch c := p.data[p.i]; {
	case c == '"':
		return p.str()
	case c == '{':
		if depth >= maxFastDepth {
			return false
		}
		p.i++
		p.skipSpace()
		if p.consume('}') {
			return true
		}
		for {
			p.skipSpace()
			if p.i >= len(p.data) || p.data[p.i] != '"' || !p.str() {
				return false
			}
			p.skipSpace()
			if !p.consume(':') {
				return false
			}
			p.skipSpace()
			if !p.value(depth + 1) {
				return false
			}
			p.skipSpace()
			if p.consume('}') {
				return true
			}
			if !p.consume(',') {
				return false
			}
		}
	case c == '[':
		if depth >= maxFastDepth {
			return false
		}
		p.i++
		p.skipSpace()
		if p.consume(']') {
			return true
		}
		for {
			p.skipSpace()
			if !p.value(depth + 1) {
				return false
			}
			p.skipSpace()
			if p.consume(']') {
				return true
			}
			if !p.consume(',') {
				return false
			}
		}
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	}
	return false
}

func (p *jsonParser) literal(lit string) bool {
	if len(p.data)-p.i >= len(lit) && string(p.data[p.i:p.i+len(lit)]) == lit {
		p.i += len(lit)
		return true
	}
	return false
}

// str skips a string: no control characters, only JSON's escapes. Bytes
// that are not valid UTF-8 are allowed, as encoding/json allows them.
func (p *jsonParser) str() bool {
	p.i++ // the opening quote
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if p.i+1 >= len(p.data) {
				return false
			}
			switch p.data[p.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i += 2
			case 'u':
				if p.i+6 > len(p.data) {
					return false
				}
				for _, h := range p.data[p.i+2 : p.i+6] {
					if !isHex(h) {
						return false
					}
				}
				p.i += 6
			default:
				return false
			}
		default:
			p.i++
		}
	}
	return false
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// number skips a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() bool {
	d := p.data
	p.consume('-')
	switch {
	case p.i < len(d) && d[p.i] == '0':
		p.i++
	case p.i < len(d) && '1' <= d[p.i] && d[p.i] <= '9':
		p.digits()
	default:
		return false
	}
	if p.consume('.') {
		if p.digits() == 0 {
			return false
		}
	}
	if p.i < len(d) && (d[p.i] == 'e' || d[p.i] == 'E') {
		p.i++
		if !p.consume('+') {
			p.consume('-')
		}
		if p.digits() == 0 {
			return false
		}
	}
	return true
}

func (p *jsonParser) digits() int {
	start := p.i
	for p.i < len(p.data) && '0' <= p.data[p.i] && p.data[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

// unquoteJSON decodes a JSON string that jsonParser.str accepted, as
// encoding/json decodes it: invalid UTF-8 bytes and unpaired surrogates
// become U+FFFD.
func unquoteJSON(q []byte) string {
	s := q[1 : len(q)-1]
	r := 0
	for r < len(s) {
		c := s[r]
		if c == '\\' {
			break
		}
		if c < utf8.RuneSelf {
			r++
			continue
		}
		rr, size := utf8.DecodeRune(s[r:])
		if rr == utf8.RuneError && size == 1 {
			break
		}
		r += size
	}
	if r == len(s) {
		return string(s)
	}
	b := make([]byte, r, len(s)+utf8.UTFMax)
	copy(b, s[:r])
	for r < len(s) {
		c := s[r]
		switch {
		case c == '\\':
			switch e := s[r+1]; e {
			case 'b':
				b = append(b, '\b')
				r += 2
			case 'f':
				b = append(b, '\f')
				r += 2
			case 'n':
				b = append(b, '\n')
				r += 2
			case 'r':
				b = append(b, '\r')
				r += 2
			case 't':
				b = append(b, '\t')
				r += 2
			case 'u':
				rr := hex4(s[r+2 : r+6])
				r += 6
				if utf16.IsSurrogate(rr) {
					if r+6 <= len(s) && s[r] == '\\' && s[r+1] == 'u' {
						if dec := utf16.DecodeRune(rr, hex4(s[r+2:r+6])); dec != utf8.RuneError {
							b = utf8.AppendRune(b, dec)
							r += 6
							continue
						}
					}
					rr = utf8.RuneError
				}
				b = utf8.AppendRune(b, rr)
			default: // '"', '\\', '/'
				b = append(b, e)
				r += 2
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			b = utf8.AppendRune(b, rr)
		}
	}
	return string(b)
}

// hex4 reads four hexadecimal digits.
func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r*16 + rune(c)
	}
	return r
}
