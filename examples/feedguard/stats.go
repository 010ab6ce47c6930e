package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/feedguard/feedguard/moderation"
	"github.com/feedguard/feedguard/rules"
)

// toneBins is the number of bins of the tone histogram: [0, 0.1), …,
// [0.9, 1].
const toneBins = 10

// Samples kept per action for the report, chosen by the smallest hash of
// the record's id and line: the same records whatever the number of
// workers, and whether or not the scan was interrupted and resumed.
const (
	samplesPerAction = 6
	samplesAllowed   = 4
	errorSamples     = 10
)

// stats aggregates the verdicts of a scan, in output order.
type stats struct {
	records, errors, resumed, truncated int
	actions                             [moderation.Block + 1]int
	categories, languages, rules        map[string]int
	ruleCategory                        map[string]string
	actionsByLanguage                   map[string]*[moderation.Block + 1]int
	toneBins                            [toneBins]int
	toneLabels                          map[string]int
	toneSum                             float64
	samples                             [moderation.Block + 1][]sample
	errorSamples                        []errorSample
	profile, rulesVersion               string
	keepSamples, withFile               bool
}

// sample is an example verdict shown in the report.
type sample struct {
	hash       uint64
	ID         string
	Position   string
	Action     string
	Language   string
	ToneScore  float64
	ToneLabel  string
	Categories []string
	Reasons    []string
	Text       string
	Matches    []rules.Match
	Truncated  bool
}

type errorSample struct {
	Position string `json:"position"`
	ID       string `json:"id,omitempty"`
	Error    string `json:"error"`
}

func newStats(c *scanConfig) *stats {
	return &stats{
		categories:        map[string]int{},
		languages:         map[string]int{},
		rules:             map[string]int{},
		ruleCategory:      map[string]string{},
		actionsByLanguage: map[string]*[moderation.Block + 1]int{},
		toneLabels:        map[string]int{},
		keepSamples:       c.reportPath != "",
		withFile:          c.withFile,
	}
}

func (s *stats) add(r result) {
	s.records++
	if r.resumed {
		s.resumed++
	}
	if r.failed || r.verdict == nil {
		s.errors++
		if len(s.errorSamples) < errorSamples {
			s.errorSamples = append(s.errorSamples, errorSample{
				Position: s.position(r.rec), ID: idString(r.rec.id), Error: r.errMsg,
			})
		}
		return
	}
	v := r.verdict
	s.actions[v.Action]++
	s.languages[v.Language]++
	byLang := s.actionsByLanguage[v.Language]
	if byLang == nil {
		byLang = new([moderation.Block + 1]int)
		s.actionsByLanguage[v.Language] = byLang
	}
	byLang[v.Action]++
	for _, c := range v.Categories {
		s.categories[c]++
	}
	seen := map[string]bool{}
	for _, m := range v.Matches {
		if !seen[m.RuleID] {
			seen[m.RuleID] = true
			s.rules[m.RuleID]++
			s.ruleCategory[m.RuleID] = m.Category
		}
	}
	s.toneBins[min(max(int(v.Tone.Score*toneBins), 0), toneBins-1)]++
	s.toneLabels[v.Tone.Label]++
	s.toneSum += v.Tone.Score
	if v.Truncated {
		s.truncated++
	}
	if s.profile == "" {
		s.profile, s.rulesVersion = v.Profile, v.RulesVersion
	}
	if s.keepSamples {
		s.sample(r)
	}
}

// sample keeps the record if its hash is among the smallest of its action.
func (s *stats) sample(r result) {
	v := r.verdict
	h := fnv.New64a()
	h.Write(r.rec.id)
	fmt.Fprintf(h, "\x00%d", r.rec.line)
	sum := h.Sum64()
	limit := samplesPerAction
	if v.Action == moderation.Allow {
		limit = samplesAllowed
	}
	list := s.samples[v.Action]
	if len(list) == limit && sum >= list[len(list)-1].hash {
		return
	}
	smp := sample{
		hash: sum, ID: idString(r.rec.id), Position: s.position(r.rec),
		Action: v.Action.String(), Language: v.Language, ToneScore: v.Tone.Score, ToneLabel: v.Tone.Label,
		Categories: v.Categories, Reasons: v.Reasons, Text: r.rec.text, Matches: v.Matches, Truncated: v.Truncated,
	}
	i, _ := slices.BinarySearchFunc(list, sum, func(a sample, h uint64) int { return cmp.Compare(a.hash, h) })
	list = slices.Insert(list, i, smp)
	if len(list) > limit {
		list = list[:limit]
	}
	s.samples[v.Action] = list
}

// position names a record as the output does: its line, and its file
// when several were scanned.
func (s *stats) position(r record) string {
	if s.withFile {
		return position(r.file, r.line)
	}
	return position("", r.line)
}

// reached counts the records whose action is a or stronger.
func (s *stats) reached(a moderation.Action) int {
	n := 0
	for b := a; b <= moderation.Block; b++ {
		n += s.actions[b]
	}
	return n
}

func idString(id json.RawMessage) string {
	if len(id) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(id, &s) == nil {
		return s
	}
	return string(id)
}

// summary is the JSON written by --summary.
type summary struct {
	Inputs []string `json:"inputs"`
	Output string   `json:"output,omitempty"`
	// Records is the number of records read; OutputLines the number of
	// lines in the output, verdicts and errors: always the same.
	Records          int  `json:"records"`
	OutputLines      int  `json:"output_lines"`
	OneLinePerRecord bool `json:"one_line_per_record"`
	Verdicts         int  `json:"verdicts"`
	Errors           int  `json:"errors"`
	// Resumed records were judged by an earlier, interrupted run whose
	// output --resume continued; Judged ones by this run.
	Resumed   int `json:"resumed"`
	Judged    int `json:"judged"`
	Truncated int `json:"truncated"`

	Actions           map[string]int            `json:"actions"`
	Categories        map[string]int            `json:"categories"`
	Languages         map[string]int            `json:"languages"`
	Rules             map[string]int            `json:"rules"`
	ActionsByLanguage map[string]map[string]int `json:"actions_by_language"`
	Tone              toneSummary               `json:"tone"`
	FailOn            *failOnSummary            `json:"fail_on,omitempty"`
	ErrorSamples      []errorSample             `json:"error_samples,omitempty"`

	Profile          string  `json:"profile,omitempty"`
	RulesVersion     string  `json:"rules_version,omitempty"`
	Workers          int     `json:"workers"`
	ElapsedSeconds   float64 `json:"elapsed_seconds"`
	RecordsPerSecond float64 `json:"records_per_second"`
	StartedAt        string  `json:"started_at"`
}

type toneSummary struct {
	Histogram []toneBin      `json:"histogram"`
	Labels    map[string]int `json:"labels"`
	Mean      float64        `json:"mean"`
}

type toneBin struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Count int     `json:"count"`
}

type failOnSummary struct {
	Action  string `json:"action"`
	Records int    `json:"records"`
}

func (s *stats) summary(c *scanConfig, elapsed time.Duration) summary {
	judged := s.records - s.resumed
	sum := summary{
		Inputs: c.inputs, Output: c.out,
		Records: s.records, OutputLines: s.records, OneLinePerRecord: true,
		Verdicts: s.records - s.errors, Errors: s.errors, Resumed: s.resumed, Judged: judged, Truncated: s.truncated,
		Actions: map[string]int{}, Categories: s.categories, Languages: s.languages, Rules: s.rules,
		ActionsByLanguage: map[string]map[string]int{},
		Tone:              toneSummary{Labels: s.toneLabels},
		ErrorSamples:      s.errorSamples,
		Profile:           s.profile, RulesVersion: s.rulesVersion, Workers: c.workers,
		ElapsedSeconds:   round(elapsed.Seconds(), 6),
		RecordsPerSecond: round(float64(judged)/max(elapsed.Seconds(), 1e-9), 1),
		StartedAt:        time.Now().Add(-elapsed).UTC().Format(time.RFC3339),
	}
	for a := moderation.Allow; a <= moderation.Block; a++ {
		sum.Actions[a.String()] = s.actions[a]
	}
	for lang, counts := range s.actionsByLanguage {
		m := map[string]int{}
		for a := moderation.Allow; a <= moderation.Block; a++ {
			m[a.String()] = counts[a]
		}
		sum.ActionsByLanguage[lang] = m
	}
	for i, n := range s.toneBins {
		sum.Tone.Histogram = append(sum.Tone.Histogram, toneBin{From: float64(i) / toneBins, To: float64(i+1) / toneBins, Count: n})
	}
	if v := s.records - s.errors; v > 0 {
		sum.Tone.Mean = round(s.toneSum/float64(v), 3)
	}
	if c.failOn != "" {
		sum.FailOn = &failOnSummary{Action: c.failOnAction.String(), Records: s.reached(c.failOnAction)}
	}
	return sum
}

func round(x float64, digits int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', digits, 64), 64)
	return f
}

// print writes the one-line summary for stderr.
func (s summary) print(w io.Writer) {
	var parts []string
	for a := moderation.Allow; a <= moderation.Block; a++ {
		parts = append(parts, fmt.Sprintf("%s %d", a, s.Actions[a.String()]))
	}
	resumed := ""
	if s.Resumed > 0 {
		resumed = fmt.Sprintf(" (%d resumed from %s, %d judged now)", s.Resumed, s.Output, s.Judged)
	}
	fmt.Fprintf(w, "feedguard: %d records in, %d lines out%s in %.2fs (%.0f/s): %s; errors %d\n",
		s.Records, s.OutputLines, resumed, s.ElapsedSeconds, s.RecordsPerSecond, strings.Join(parts, ", "), s.Errors)
}

// sortedCounts returns the keys of m, largest count first, ties by name.
func sortedCounts(m map[string]int) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys
}

func dirOf(path string) string { return filepath.Dir(path) }
