package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"github.com/feedguard/feedguard/moderation"
)

// maxRecordBytes bounds one input record. A longer line is reported as a
// bad record and skipped without being held in memory.
const maxRecordBytes = 32 << 20

// record is one input record, or the reason it could not be read.
type record struct {
	file  string
	line  int             // 1-based record number in its file
	id    json.RawMessage // as given, when known
	text  string
	extra []moderation.Field // the extra text fields present in the record
	label json.RawMessage    // the label field's value, when asked for and present
	err   string
	// skipped is set for a record that an earlier, interrupted scan already
	// judged (see --resume) and that was not parsed: only file and line
	// are set.
	skipped bool
}

// fields says which fields of a record hold the id, the text and (for
// eval) the label. A JSON field may be a dotted path into nested objects
// ("note.title").
type fields struct {
	id, text, label string
	// extra are more text fields judged with the post (a title, tags),
	// each a name or dotted path; a record without one is judged without it.
	extra []string
}

// readOptions says how to read records.
type readOptions struct {
	fields fields
	// skip, when not nil, says whether the next record is to be skipped
	// without parsing; such a record is emitted with skipped set.
	skip func() bool
}

func (o readOptions) skipping() bool { return o.skip != nil && o.skip() }

type format int

const (
	formatJSONL format = iota
	formatCSV
)

// formatOf picks the format from the file name: .csv (optionally .gz) is
// CSV, anything else JSON Lines. forced, when not empty, overrides it.
func formatOf(name, forced string) (format, error) {
	switch forced {
	case "jsonl", "ndjson", "json":
		return formatJSONL, nil
	case "csv":
		return formatCSV, nil
	case "":
	default:
		return 0, fmt.Errorf("unknown format %q (want jsonl or csv)", forced)
	}
	base := strings.ToLower(name)
	for _, ext := range []string{".gz", ".zst", ".zstd"} {
		base = strings.TrimSuffix(base, ext)
	}
	if filepath.Ext(base) == ".csv" {
		return formatCSV, nil
	}
	return formatJSONL, nil
}

// Magic bytes of the compressed formats, detected from the content rather
// than the file name so stdin and misnamed files work too.
var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// decompress returns r, transparently decompressed when it starts with the
// gzip or zstd magic bytes. The returned close function releases the
// decoder; it does not close r.
func decompress(r io.Reader) (io.Reader, func(), error) {
	br := bufio.NewReaderSize(r, 1<<16)
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, err
		}
		return zr, func() {}, nil
	case bytes.HasPrefix(magic, zstdMagic):
		// One decoding goroutine: the cores belong to the workers, and
		// decoding is a small part of the cost of a record.
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, nil, err
		}
		return zr, zr.Close, nil
	}
	return br, func() {}, nil
}

// readRecords reads every record of one input, calling emit for each in
// order until emit returns false. A record that cannot be parsed is emitted
// with err set; a read error ends the input after emitting one record that
// describes it. It reports whether emit asked to go on.
func readRecords(name string, r io.Reader, f format, o readOptions, emit func(record) bool) bool {
	in, release, err := decompress(r)
	if err != nil {
		return emit(record{file: name, line: 1, err: "reading: " + err.Error()})
	}
	defer release()
	if f == formatCSV {
		return readCSV(name, in, o, emit)
	}
	return readJSONL(name, in, o, emit)
}

func readJSONL(name string, r io.Reader, o readOptions, emit func(record) bool) bool {
	br := bufio.NewReaderSize(r, 1<<20)
	var buf []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > maxRecordBytes {
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return emit(record{file: name, line: line, err: "reading: " + err.Error()})
		}
		goOn := true
		switch {
		case !tooLong && len(bytes.TrimSpace(buf)) == 0:
			// A blank line is not a record.
		case o.skipping():
			goOn = emit(record{file: name, line: line, skipped: true})
		case tooLong:
			goOn = emit(record{file: name, line: line, err: fmt.Sprintf("record longer than %d bytes", maxRecordBytes)})
		default:
			goOn = emit(parseJSONRecord(name, line, buf, o.fields))
		}
		if !goOn {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

func parseJSONRecord(name string, line int, data []byte, fl fields) record {
	if rec, ok := parseJSONRecordFast(name, line, data, fl); ok {
		return rec
	}
	return parseJSONRecordSlow(name, line, data, fl)
}

// parseJSONRecordSlow reads any record through encoding/json, and says
// what is wrong with one that cannot be judged.
func parseJSONRecordSlow(name string, line int, data []byte, fl fields) record {
	rec := record{file: name, line: line}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] != '{' && json.Valid(trimmed) {
		rec.err = fmt.Sprintf("a record must be a JSON object, found %s", jsonKind(trimmed))
		return rec
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		rec.err = "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")
		if !utf8.Valid(data) {
			rec.err += " (the line is not valid UTF-8)"
		}
		rec.id = salvageID(data, fl.id)
		return rec
	}
	if obj == nil {
		rec.err = "a record must be a JSON object, found null"
		return rec
	}
	if raw, ok := lookup(obj, fl.id); ok && !isNull(raw) {
		rec.id = raw
	}
	if fl.label != "" {
		if raw, ok := lookup(obj, fl.label); ok && !isNull(raw) {
			rec.label = raw
		}
	}
	raw, ok := lookup(obj, fl.text)
	switch {
	case !ok:
		rec.err = fmt.Sprintf("missing text field %q", fl.text)
	case isNull(raw):
		rec.err = fmt.Sprintf("text field %q is null", fl.text)
	default:
		if err := json.Unmarshal(raw, &rec.text); err != nil {
			rec.err = fmt.Sprintf("text field %q is %s, not a string", fl.text, jsonKind(raw))
		}
	}
	for _, name := range fl.extra {
		raw, ok := lookup(obj, name)
		if !ok || isNull(raw) {
			continue
		}
		text, err := extraText(raw)
		if err != nil && rec.err == "" {
			rec.err = fmt.Sprintf("field %q is %s, not a string or a list of strings", name, jsonKind(raw))
		}
		rec.extra = append(rec.extra, moderation.Field{Name: name, Text: text})
	}
	return rec
}

// salvageID looks for a top-level "field": value pair in a line that is
// not valid JSON, so the error line can still name the record. It returns
// nil when no plain string or number value is found.
func salvageID(data []byte, field string) json.RawMessage {
	key, _ := json.Marshal(field)
	i := bytes.Index(data, append(key, ':'))
	if i < 0 {
		if i = bytes.Index(data, append(key, ' ', ':')); i < 0 {
			return nil
		}
	}
	rest := bytes.TrimLeft(data[i+len(key):], " \t:")
	dec := json.NewDecoder(bytes.NewReader(rest))
	var v json.RawMessage
	if dec.Decode(&v) != nil {
		return nil
	}
	switch jsonKind(v) {
	case "a string", "a number":
		return v
	}
	return nil
}

// extraText reads an extra text field: a string, or a list of strings
// (tags) joined with spaces.
func extraText(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return "", err
	}
	return strings.Join(list, " "), nil
}

// lookup finds a dotted path in a JSON object. An exact key wins over a
// path, so a flat field named "a.b" is found too.
func lookup(obj map[string]json.RawMessage, path string) (json.RawMessage, bool) {
	if v, ok := obj[path]; ok {
		return v, true
	}
	head, rest, found := strings.Cut(path, ".")
	if !found {
		return nil, false
	}
	v, ok := obj[head]
	if !ok {
		return nil, false
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(v, &inner) != nil || inner == nil {
		return nil, false
	}
	return lookup(inner, rest)
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func jsonKind(raw json.RawMessage) string {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 {
		return "empty"
	}
	switch s[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	}
	return "a number"
}

func readCSV(name string, r io.Reader, o readOptions, emit func(record) bool) bool {
	fl := o.fields
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return true
	}
	if err != nil {
		return emit(record{file: name, line: 1, err: "reading CSV header: " + err.Error()})
	}
	idCol, textCol, labelCol := -1, -1, -1
	extraCols := make([]int, len(fl.extra))
	for k := range extraCols {
		extraCols[k] = -1
	}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		switch {
		case h == fl.id:
			idCol = i
		case h == fl.text:
			textCol = i
		case fl.label != "" && h == fl.label:
			labelCol = i
		}
		for k, name := range fl.extra {
			if h == name {
				extraCols[k] = i
			}
		}
	}
	for n := 1; ; n++ {
		row, err := cr.Read()
		if err == io.EOF {
			return true
		}
		rec := record{file: name, line: n}
		var perr *csv.ParseError
		switch {
		case err != nil && !errors.As(err, &perr):
			rec.err = "reading: " + err.Error()
			return emit(rec)
		case o.skipping():
			if !emit(record{file: name, line: n, skipped: true}) {
				return false
			}
			continue
		case perr != nil && perr.Err != csv.ErrFieldCount:
			rec.err = "invalid CSV: " + perr.Error()
			if !emit(rec) {
				return false
			}
			continue
		}
		if idCol >= 0 && idCol < len(row) {
			rec.id, _ = json.Marshal(strings.ToValidUTF8(row[idCol], "\uFFFD"))
		}
		switch {
		case textCol < 0:
			rec.err = fmt.Sprintf("no column %q in the CSV header", fl.text)
		case textCol >= len(row):
			rec.err = fmt.Sprintf("record has %d fields; column %q is field %s", len(row), fl.text, strconv.Itoa(textCol+1))
		default:
			// Texts are judged as valid UTF-8, as JSON input is: invalid
			// bytes become U+FFFD, so offsets match the text printed back.
			rec.text = strings.ToValidUTF8(row[textCol], "\uFFFD")
		}
		for k, col := range extraCols {
			if col >= 0 && col < len(row) && row[col] != "" {
				rec.extra = append(rec.extra, moderation.Field{Name: fl.extra[k], Text: strings.ToValidUTF8(row[col], "\uFFFD")})
			}
		}
		if labelCol >= 0 && labelCol < len(row) && strings.TrimSpace(row[labelCol]) != "" {
			rec.label, _ = json.Marshal(strings.ToValidUTF8(strings.TrimSpace(row[labelCol]), "\uFFFD"))
		}
		if !emit(rec) {
			return false
		}
	}
}
