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
)

// maxRecordBytes bounds one input record. A longer line is reported as a
// bad record and skipped without being held in memory.
const maxRecordBytes = 32 << 20

// record is one input record, or the reason it could not be read.
type record struct {
	file string
	line int             // 1-based record number in its file
	id   json.RawMessage // as given, when known
	text string
	err  string
}

// fields says which fields of a record hold the id and the text. A JSON
// field may be a dotted path into nested objects ("note.title").
type fields struct {
	id, text string
}

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
	base := strings.TrimSuffix(strings.ToLower(name), ".gz")
	if filepath.Ext(base) == ".csv" {
		return formatCSV, nil
	}
	return formatJSONL, nil
}

// decompress returns r, transparently gunzipped when it starts with the
// gzip magic bytes.
func decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	magic, err := br.Peek(2)
	if err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		return zr, nil
	}
	return br, nil
}

// readRecords reads every record of one input, calling emit for each in
// order. A record that cannot be parsed is emitted with err set; a read
// error ends the input after emitting one record that describes it.
func readRecords(name string, r io.Reader, f format, fl fields, emit func(record)) {
	in, err := decompress(r)
	if err != nil {
		emit(record{file: name, line: 1, err: "reading: " + err.Error()})
		return
	}
	if f == formatCSV {
		readCSV(name, in, fl, emit)
		return
	}
	readJSONL(name, in, fl, emit)
}

func readJSONL(name string, r io.Reader, fl fields, emit func(record)) {
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
			emit(record{file: name, line: line, err: "reading: " + err.Error()})
			return
		}
		switch {
		case tooLong:
			emit(record{file: name, line: line, err: fmt.Sprintf("record longer than %d bytes", maxRecordBytes)})
		case len(bytes.TrimSpace(buf)) > 0:
			emit(parseJSONRecord(name, line, buf, fl))
		}
		if err == io.EOF {
			return
		}
	}
}

func parseJSONRecord(name string, line int, data []byte, fl fields) record {
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

func readCSV(name string, r io.Reader, fl fields, emit func(record)) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return
	}
	if err != nil {
		emit(record{file: name, line: 1, err: "reading CSV header: " + err.Error()})
		return
	}
	idCol, textCol := -1, -1
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		switch h {
		case fl.id:
			idCol = i
		case fl.text:
			textCol = i
		}
	}
	for n := 1; ; n++ {
		row, err := cr.Read()
		if err == io.EOF {
			return
		}
		rec := record{file: name, line: n}
		var perr *csv.ParseError
		switch {
		case errors.As(err, &perr) && perr.Err != csv.ErrFieldCount:
			rec.err = "invalid CSV: " + perr.Error()
			emit(rec)
			continue
		case err != nil && !errors.As(err, &perr):
			rec.err = "reading: " + err.Error()
			emit(rec)
			return
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
		emit(rec)
	}
}
