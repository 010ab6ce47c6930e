package main

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/feedguard/feedguard/moderation"
)

// The report is one HTML file with everything inline — CSS, a few lines
// of script, and charts drawn as SVG here — so it opens anywhere, offline,
// and can be mailed or attached to a ticket. Every text from the input
// goes through html/template, which escapes it for its context.
//
//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(n, total int) string {
		if total == 0 {
			return "0%"
		}
		p := 100 * float64(n) / float64(total)
		if p > 0 && p < 0.1 {
			return "<0.1%"
		}
		return fmt.Sprintf("%.1f%%", p)
	},
	"f2":       func(x float64) string { return fmt.Sprintf("%.2f", x) },
	"f3":       func(x float64) string { return fmt.Sprintf("%.3f", x) },
	"thou":     thousands,
	"color":    actionColor,
	"catcolor": categoryColor,
}).Parse(reportTemplate))

// Colours of the actions, from allow (green) to block (red); also used by
// the legend and the example badges.
var actionColors = [...]string{"#2f9e6b", "#3b7dd8", "#e0a100", "#ea6a1f", "#c92a2a"}

func actionColor(a string) string {
	if x, err := moderation.ParseAction(a); err == nil {
		return actionColors[x]
	}
	return "#888"
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type reportData struct {
	S          summary
	Actions    []actionCount
	LangChart  langChart
	RuleChart  barChart
	ToneChart  toneChart
	Categories []nameCount
	Examples   []exampleGroup
	Eval       *evalReport
	EvalCats   []evalCatRow
	Confusion  [][]int
	ActionList []string
}

type actionCount struct {
	Name  string
	Count int
}

type nameCount struct {
	Name  string
	Count int
}

// langChart is a stacked horizontal bar per language: how its posts were
// judged.
type langChart struct {
	Width, Height int
	Rows          []langRow
}

type langRow struct {
	Y, Total int
	Name     string
	Segments []segment
	LabelX   float64
	// ActedOn is the share of the language's posts not simply allowed.
	ActedOn string
}

type segment struct {
	X, W   float64
	Color  string
	Title  string
	Action string
}

type barChart struct {
	Width, Height int
	Rows          []barRow
	// Families are the category families shown, for the legend.
	Families []string
}

func family(category string) string {
	f, _, _ := strings.Cut(category, "/")
	return f
}

type barRow struct {
	Y      int
	Name   string
	Note   string
	W      float64
	Count  int
	LabelX float64
	Color  string
}

// categoryColors colour the top-rule bars by the rule's category family.
var categoryColors = map[string]string{
	"harassment": "#7048e8", "hate": "#c2255c", "sexual": "#d6336c", "violence": "#e03131",
	"self-harm": "#1098ad", "illicit": "#5c940d", "extremism": "#862e9c", "profanity": "#f08c00",
	"spam": "#868e96", "scam": "#a61e4d", "off-platform": "#1c7ed6", "personal-data": "#0ca678",
	"advertising": "#74b816",
}

func categoryColor(c string) string {
	family, _, _ := strings.Cut(c, "/")
	if col, ok := categoryColors[family]; ok {
		return col
	}
	return "#495057"
}

type toneChart struct {
	Width, Height int
	Bars          []toneBar
	Ticks         []toneTick
	Base          int
}

type toneBar struct {
	X, Y, W, H float64
	Count      int
	Color      string
	Title      string
	TextY      float64
	TextX      float64
}

type toneTick struct {
	X     float64
	Label string
}

type exampleGroup struct {
	Action string
	Total  int
	Items  []example
}

type example struct {
	sample
	Segments []textSegment
}

// textSegment is a run of a post's text, marked when a rule matched it.
type textSegment struct {
	Text  string
	Mark  bool
	Title string
}

type evalCatRow struct {
	Name string
	*prf
}

const (
	chartWidth   = 560
	rowHeight    = 26
	labelColumn  = 96
	maxLanguages = 12
	maxRules     = 15
	shownBytes   = 700
)

func writeReport(w io.Writer, sum summary, st *stats, ev *evaluation) error {
	d := reportData{S: sum}
	for a := moderation.Allow; a <= moderation.Block; a++ {
		d.Actions = append(d.Actions, actionCount{a.String(), sum.Actions[a.String()]})
		d.ActionList = append(d.ActionList, a.String())
	}
	d.LangChart = languageChart(st)
	d.RuleChart = rulesChart(st)
	d.ToneChart = toneHistogram(st)
	for _, c := range sortedCounts(st.categories) {
		d.Categories = append(d.Categories, nameCount{c, st.categories[c]})
	}
	for a := moderation.Block; a >= moderation.Allow; a-- {
		g := exampleGroup{Action: a.String(), Total: st.actions[a]}
		for _, s := range st.samples[a] {
			g.Items = append(g.Items, example{sample: s, Segments: highlight(s)})
		}
		if g.Total > 0 {
			d.Examples = append(d.Examples, g)
		}
	}
	if ev != nil {
		rep := ev.report()
		d.Eval = &rep
		cats := slices.Sorted(maps.Keys(rep.Categories))
		cats = slices.DeleteFunc(cats, func(c string) bool { return c == "all" })
		for _, c := range append(cats, "all") {
			d.EvalCats = append(d.EvalCats, evalCatRow{c, rep.Categories[c]})
		}
		for a := moderation.Allow; a <= moderation.Block; a++ {
			var row []int
			for b := moderation.Allow; b <= moderation.Block; b++ {
				row = append(row, rep.Confusion[a.String()][b.String()])
			}
			d.Confusion = append(d.Confusion, row)
		}
	}
	return reportTmpl.Execute(w, d)
}

func languageChart(st *stats) langChart {
	type lang struct {
		name   string
		counts [moderation.Block + 1]int
		total  int
	}
	var langs []lang
	for name, c := range st.actionsByLanguage {
		l := lang{name: name, counts: *c}
		for _, n := range c {
			l.total += n
		}
		langs = append(langs, l)
	}
	slices.SortFunc(langs, func(a, b lang) int {
		if a.total != b.total {
			return b.total - a.total
		}
		return strings.Compare(a.name, b.name)
	})
	if len(langs) > maxLanguages {
		other := lang{name: "other"}
		for _, l := range langs[maxLanguages-1:] {
			for i, n := range l.counts {
				other.counts[i] += n
			}
			other.total += l.total
		}
		langs = append(langs[:maxLanguages-1], other)
	}
	ch := langChart{Width: chartWidth, Height: max(len(langs), 1)*rowHeight + 4}
	const rightColumn = 130
	maxTotal := 1
	for _, l := range langs {
		maxTotal = max(maxTotal, l.total)
	}
	span := float64(chartWidth - labelColumn - rightColumn)
	for i, l := range langs {
		row := langRow{Y: i * rowHeight, Name: l.name, Total: l.total}
		x := float64(labelColumn)
		for a := moderation.Allow; a <= moderation.Block; a++ {
			n := l.counts[a]
			if n == 0 {
				continue
			}
			w := span * float64(n) / float64(maxTotal)
			row.Segments = append(row.Segments, segment{
				X: x, W: max(w, 1), Color: actionColors[a], Action: a.String(),
				Title: fmt.Sprintf("%s · %s: %d of %d (%.1f%%)", l.name, a, n, l.total, 100*float64(n)/float64(l.total)),
			})
			x += w
		}
		row.LabelX = x + 6
		if acted := l.total - l.counts[moderation.Allow]; acted > 0 {
			row.ActedOn = fmt.Sprintf("%.0f%% acted on", 100*float64(acted)/float64(l.total))
		}
		ch.Rows = append(ch.Rows, row)
	}
	return ch
}

func rulesChart(st *stats) barChart {
	names := sortedCounts(st.rules)
	if len(names) > maxRules {
		names = names[:maxRules]
	}
	const nameColumn = 230
	ch := barChart{Width: chartWidth, Height: max(len(names), 1)*rowHeight + 4}
	maxCount := 1
	for _, n := range names {
		maxCount = max(maxCount, st.rules[n])
	}
	span := float64(chartWidth - nameColumn - 50)
	for i, n := range names {
		w := max(span*float64(st.rules[n])/float64(maxCount), 1)
		ch.Rows = append(ch.Rows, barRow{
			Y: i * rowHeight, Name: n, Note: st.ruleCategory[n], W: w, Count: st.rules[n], LabelX: nameColumn + w + 6,
			Color: categoryColor(st.ruleCategory[n]),
		})
		if !slices.Contains(ch.Families, family(st.ruleCategory[n])) {
			ch.Families = append(ch.Families, family(st.ruleCategory[n]))
		}
	}
	return ch
}

func toneHistogram(st *stats) toneChart {
	const height, base, left = 200, 170, 10
	ch := toneChart{Width: chartWidth, Height: height, Base: base}
	maxCount := 1
	for _, n := range st.toneBins {
		maxCount = max(maxCount, n)
	}
	slot := float64(chartWidth-2*left) / toneBins
	// From off (red) through neutral (amber) to fits (green).
	colors := [toneBins]string{"#c92a2a", "#d9480f", "#e8590c", "#f08c00", "#f59f00", "#fab005", "#94d82d", "#51cf66", "#37b24d", "#2b8a3e"}
	for i, n := range st.toneBins {
		h := float64(base-20) * float64(n) / float64(maxCount)
		if n > 0 {
			h = max(h, 2)
		}
		x := left + float64(i)*slot + 4
		ch.Bars = append(ch.Bars, toneBar{
			X: x, Y: float64(base) - h, W: slot - 8, H: h, Count: n, Color: colors[i],
			Title: fmt.Sprintf("tone %.1f–%.1f: %d posts", float64(i)/toneBins, float64(i+1)/toneBins, n),
			TextX: x + (slot-8)/2, TextY: float64(base) - h - 5,
		})
	}
	for i := 0; i <= toneBins; i += 2 {
		ch.Ticks = append(ch.Ticks, toneTick{X: left + float64(i)*slot, Label: fmt.Sprintf("%.1f", float64(i)/toneBins)})
	}
	return ch
}

// highlight splits a sample's text into runs, marking the bytes a rule
// matched. Long texts are cut to a window around the first match.
func highlight(s sample) []textSegment {
	text := s.Text
	start, end := 0, len(text)
	if len(text) > shownBytes {
		if len(s.Matches) > 0 && s.Matches[0].Start > shownBytes/2 {
			start = s.Matches[0].Start - shownBytes/4
		}
		end = min(start+shownBytes, len(text))
		for start > 0 && !utf8.RuneStart(text[start]) {
			start--
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end--
		}
	}
	// titles[i] names the rules that matched byte i.
	titles := make([]string, end-start)
	for _, m := range s.Matches {
		for i := max(m.Start, start); i < min(m.End, end); i++ {
			t := m.RuleID + " (" + m.Category + ")"
			if titles[i-start] == "" {
				titles[i-start] = t
			} else if !strings.Contains(titles[i-start], t) {
				titles[i-start] += ", " + t
			}
		}
	}
	var segs []textSegment
	if start > 0 {
		segs = append(segs, textSegment{Text: "… "})
	}
	for i := start; i < end; {
		j := i
		for j < end && titles[j-start] == titles[i-start] {
			j++
		}
		segs = append(segs, textSegment{Text: text[i:j], Mark: titles[i-start] != "", Title: titles[i-start]})
		i = j
	}
	if end < len(text) {
		segs = append(segs, textSegment{Text: " …"})
	}
	return segs
}
