package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/feedguard/feedguard/moderation"
	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

// stdEncode is what appendScanLine must produce: encoding/json with HTML
// escaping off, without the final newline.
func stdEncode(t testing.TB, l *scanLine) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(l)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
}

func checkEncoding(t *testing.T, l *scanLine) {
	t.Helper()
	want, err := stdEncode(t, l)
	got, ok := appendScanLine(nil, l, new(bytes.Buffer))
	if err != nil {
		assert.False(t, ok, "encoding/json fails (%v), appendScanLine must defer to it", err)
		return
	}
	if assert.True(t, ok, "appendScanLine gave up on %s", want) {
		assert.Equal(t, string(want), string(got))
	}
}

// TestEncodedTypes pins the fields of the types appendScanLine writes by
// hand: a field added to one of them must be added to the encoder too.
func TestEncodedTypes(t *testing.T) {
	fieldsOf := func(v any) []string {
		var out []string
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			f := typ.Field(i)
			out = append(out, f.Name+" "+f.Type.String()+" "+string(f.Tag))
		}
		return out
	}
	assert.Equal(t, []string{
		`ID json.RawMessage json:"id,omitempty"`,
		`File string json:"file,omitempty"`,
		`Line int json:"line"`,
		`Error string json:"error,omitempty"`,
		`Verdict *moderation.Verdict `,
	}, fieldsOf(scanLine{}))
	assert.Equal(t, []string{
		`Action moderation.Action json:"action"`,
		`Language string json:"language"`,
		`LanguageConfidence float64 json:"language_confidence"`,
		`LanguageSpans []moderation.LanguageSpan json:"language_spans"`,
		`Categories []string json:"categories"`,
		`Matches []rules.Match json:"matches"`,
		`Tone tone.Result json:"tone"`,
		`Reasons []string json:"reasons"`,
		`Profile string json:"profile"`,
		`Policy string json:"policy,omitempty"`,
		`Shadow bool json:"shadow,omitempty"`,
		`ShadowAction moderation.Action json:"shadow_action,omitempty"`,
		`Masked string json:"masked,omitempty"`,
		`RulesVersion string json:"rules_version"`,
		`Truncated bool json:"truncated,omitempty"`,
	}, fieldsOf(moderation.Verdict{}))
	assert.Equal(t, []string{
		`Start int json:"start"`,
		`End int json:"end"`,
		`Language string json:"language"`,
	}, fieldsOf(moderation.LanguageSpan{}))
	assert.Equal(t, []string{
		`RuleID string json:"rule"`,
		`Category string json:"category"`,
		`Severity rules.Severity json:"severity"`,
		`Start int json:"start"`,
		`End int json:"end"`,
		`Text string json:"text"`,
		`Term string json:"term,omitempty"`,
		`Pattern string json:"pattern,omitempty"`,
		`Language string json:"language,omitempty"`,
		`Steps []string json:"steps,omitempty"`,
		`Gloss string json:"gloss,omitempty"`,
		`Paranoia int json:"paranoia,omitempty"`,
		`Field string json:"field,omitempty"`,
		`Quoted bool json:"quoted,omitempty"`,
	}, fieldsOf(rules.Match{}))
	assert.Equal(t, []string{
		`Score float64 json:"score"`,
		`Label string json:"label"`,
		`Signals []tone.Signal json:"signals"`,
	}, fieldsOf(tone.Result{}))
	assert.Equal(t, []string{
		`Name string json:"name"`,
		`Strength float64 json:"strength"`,
		`Weight float64 json:"weight"`,
		`Contribution float64 json:"contribution"`,
		`Evidence []tone.Evidence json:"evidence,omitempty"`,
	}, fieldsOf(tone.Signal{}))
	assert.Equal(t, []string{
		`Start int json:"start"`,
		`End int json:"end"`,
		`Text string json:"text"`,
	}, fieldsOf(tone.Evidence{}))
	// The hand-written encoder writes these as JSON numbers and strings;
	// a JSON or text marshaller on them would change that.
	for _, v := range []any{rules.Severity(0), rules.Match{}, tone.Result{}, tone.Signal{}, tone.Evidence{}, moderation.Verdict{}, moderation.LanguageSpan{}} {
		_, isJSON := v.(json.Marshaler)
		_, isPtrJSON := reflect.New(reflect.TypeOf(v)).Interface().(json.Marshaler)
		_, isText := reflect.New(reflect.TypeOf(v)).Interface().(interface{ MarshalText() ([]byte, error) })
		assert.False(t, isJSON || isPtrJSON || isText, "%T has a marshaller", v)
	}
}

// TestAppendScanLine compares the hand-written encoder with encoding/json
// on real verdicts, under several policies, and on made-up ones that set
// every field.
func TestAppendScanLine(t *testing.T) {
	texts := []string{
		"", "   ", "hello", "你是傻逼吧", "Welcome TikTok refugees! 欢迎来到小红书～",
		"bad \xff\xfe bytes fuck", "<b>&amp;</b> \u2028 \u2029 \x00\x01\x1f\x7f \t\r\n\b\f \"quoted\" \\ back",
		"FUCK YOU ALL!!!!!! 😡😡😡😡😡😡", "Chinese people are all dirty liars", "加我微信 abc123 领福利 #福利#",
	}
	f, err := os.Open("../data/posts.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct{ Text, Author string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		texts = append(texts, rec.Text, rec.Author)
	}
	mask := moderation.DefaultPolicy()
	mask.Mask = true
	for _, opts := range [][]moderation.Option{
		nil,
		{moderation.WithShadow()},
		{moderation.WithPolicy(mask), moderation.WithMaxTextBytes(30)},
	} {
		m, err := moderation.New(opts...)
		require.NoError(t, err)
		for i, text := range texts {
			post := moderation.Post{Text: text}
			if i%3 == 0 {
				post.Fields = []moderation.Field{{Name: "title", Text: texts[(i+1)%len(texts)]}, {Name: "tags\u2028<x>", Text: "傻逼 idiot"}}
			}
			v, err := m.Moderate(context.Background(), post)
			require.NoError(t, err)
			checkEncoding(t, &scanLine{ID: json.RawMessage(`"n_1"`), Line: i + 1, Verdict: &v})
			checkEncoding(t, &scanLine{ID: json.RawMessage(` { "a" : [1, 2.5e3, "x y"] } `), File: "dir/a b.jsonl", Line: i, Verdict: &v})
		}
	}
	full := moderation.Verdict{
		Action: moderation.Block, Language: "zh-Hans", LanguageConfidence: 1e-7,
		LanguageSpans: []moderation.LanguageSpan{{Start: 0, End: 3, Language: "en"}},
		Categories:    []string{"a", "b\x00"},
		Matches: []rules.Match{{RuleID: "r", Category: "c", Severity: 5, Start: 1, End: 2, Text: "t", Term: "te", Pattern: "p",
			Language: "en", Steps: []string{"case", "width"}, Gloss: "g", Paranoia: 2, Field: "title", Quoted: true}, {}},
		Tone: tone.Result{Score: 1e21, Label: "off", Signals: []tone.Signal{
			{Name: "x", Strength: -0.0, Weight: 123456789.125, Contribution: -1.5e-9, Evidence: []tone.Evidence{{Start: 1, End: 2, Text: "é"}}},
			{Name: "y", Strength: 0.1, Weight: 1e20, Contribution: 2.5},
		}},
		Reasons: []string{"why"}, Profile: "lifestyle", Policy: "p", Shadow: true, ShadowAction: moderation.Review,
		Masked: "**", RulesVersion: "v", Truncated: true,
	}
	checkEncoding(t, &scanLine{Line: 7, Verdict: &full})
	checkEncoding(t, &scanLine{Line: 7, Verdict: &moderation.Verdict{}})
	checkEncoding(t, &scanLine{Line: 7, Error: "bad \xff record \u2029"})
	checkEncoding(t, &scanLine{ID: json.RawMessage(`12`), File: "f", Line: -3, Error: "e"})
	// What encoding/json refuses, appendScanLine leaves to it.
	checkEncoding(t, &scanLine{ID: json.RawMessage(`{bad`), Line: 1})
	nan := full
	nan.LanguageConfidence = math.NaN()
	checkEncoding(t, &scanLine{Line: 1, Verdict: &nan})
	inf := full
	inf.Tone.Signals = []tone.Signal{{Name: "x", Weight: math.Inf(-1)}}
	checkEncoding(t, &scanLine{Line: 1, Verdict: &inf})
	bad := full
	bad.ShadowAction = moderation.Action(9)
	checkEncoding(t, &scanLine{Line: 1, Verdict: &bad})
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a", "\"\\", "\x00\x1f\x7f", "\xff\xe2\x80", "\u2028\u2029", "<>&", "你好😀", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		got := appendJSONString([]byte("x"), s)
		if string(got[1:]) != strings.TrimSuffix(want.String(), "\n") {
			t.Fatalf("%q: got %s, want %s", s, got[1:], want.String())
		}
	})
}

func FuzzAppendFloat(f *testing.F) {
	for _, x := range []float64{0, -0.0, 1, 0.1, 1e-6, 9.99e-7, 1e21, 1e20, 123.456, -1e-9, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		want, err := json.Marshal(x)
		got, ok := appendFloat(nil, x)
		if err != nil {
			require.False(t, ok)
			return
		}
		require.True(t, ok)
		require.Equal(t, string(want), string(got))
	})
}
