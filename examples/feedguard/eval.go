package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/feedguard/feedguard/moderation"
	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

// evalCmd scans labelled posts and compares the verdicts with the labels.
func (e *env) evalCmd(args []string) int {
	fs := e.newFlagSet("eval", "eval [flags] [--labels FILE] [FILE...]")
	var c scanConfig
	c.mod.register(fs)
	c.register(fs)
	var labels listFlag
	fs.Var(&labels, "labels", "a labelled export to evaluate (repeatable; same as giving FILE)")
	fs.StringVar(&c.fields.label, "label-field", "label", "record field holding the expected action and/or categories (a dotted path for nested JSON; a column for CSV)")
	asJSON := fs.Bool("json", false, "print the evaluation as JSON")
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	inputs = append(labels, inputs...)
	if len(inputs) == 0 {
		e.errorf("eval needs a labelled export: feedguard eval --labels FILE")
		return exitUsage
	}
	if c.fields.label == "" {
		e.errorf("--label-field must not be empty")
		return exitUsage
	}
	c.eval = newEvaluation(c.fields.label, *asJSON)
	// The verdicts are kept only when asked for; the evaluation goes to
	// stdout.
	return e.runScan(&c, inputs, io.Discard)
}

// evaluation compares verdicts with the labels of the records.
//
// A label is a string or an array of strings; a string may hold several
// names separated by commas. Each name is an action (allow, label, limit,
// review, block), a category (harassment, spam, …), or "none" for a post
// that should match no category. A post labelled "allow" and no category
// is taken to match no category. Categories are compared with their
// parents: a post labelled "harassment" and judged
// "harassment/threatening" counts as a hit for "harassment".
type evaluation struct {
	field   string
	policy  moderation.Policy
	asJSON  bool
	records []evalRecord
	// unlabelled counts records without the label field; unknown counts
	// label names that are neither an action nor a category.
	unlabelled, failed int
	unknown            map[string]int
}

type evalRecord struct {
	expAction moderation.Action
	hasAction bool
	expCats   []string // with parents; nil when the label names none
	hasCats   bool
	action    moderation.Action
	cats      []string // with parents
	namedCats []string // as labelled and judged, without added parents
	language  string
	matches   []rules.Match // replayed by the policy in the threshold sweep
	tone      tone.Result
}

func newEvaluation(field string, asJSON bool) *evaluation {
	return &evaluation{field: field, policy: moderation.DefaultPolicy(), asJSON: asJSON, unknown: map[string]int{}}
}

func (ev *evaluation) add(r result) {
	if len(r.rec.label) == 0 {
		ev.unlabelled++
		return
	}
	if r.verdict == nil {
		ev.failed++
		return
	}
	er := evalRecord{language: r.verdict.Language, action: r.verdict.Action}
	for _, name := range labelNames(r.rec.label) {
		if a, err := moderation.ParseAction(name); err == nil {
			er.expAction, er.hasAction = a, true
			continue
		}
		switch {
		case name == "none" || name == "clean":
			er.hasCats = true
		case rules.KnownCategory(name):
			er.hasCats = true
			er.expCats = append(er.expCats, name)
		default:
			ev.unknown[name]++
		}
	}
	if er.hasAction && er.expAction == moderation.Allow && !er.hasCats {
		er.hasCats = true
	}
	er.namedCats = append(slices.Clone(er.expCats), r.verdict.Categories...)
	er.expCats = withParents(er.expCats)
	er.cats = withParents(r.verdict.Categories)
	er.matches, er.tone = r.verdict.Matches, r.verdict.Tone
	if !er.hasAction && !er.hasCats {
		ev.unlabelled++
		return
	}
	ev.records = append(ev.records, er)
}

// labelNames splits a label value into lower-case names.
func labelNames(raw json.RawMessage) []string {
	var parts []string
	var s string
	var list []string
	switch {
	case json.Unmarshal(raw, &s) == nil:
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
	case json.Unmarshal(raw, &list) == nil:
		parts = list
	default:
		parts = []string{string(bytes.TrimSpace(raw))}
	}
	var names []string
	for _, p := range parts {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			names = append(names, p)
		}
	}
	return names
}

// withParents returns the categories with their parents added
// ("harassment/threatening" adds "harassment"), sorted and unique.
func withParents(cats []string) []string {
	set := map[string]bool{}
	for _, c := range cats {
		for {
			set[c] = true
			i := strings.LastIndexByte(c, '/')
			if i < 0 {
				break
			}
			c = c[:i]
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// underAny reports whether category c is below one of cats
// ("self-harm/intent" is below "self-harm").
func underAny(c string, cats []string) bool {
	for _, p := range cats {
		if strings.HasPrefix(c, p+"/") {
			return true
		}
	}
	return false
}

// shifted returns p with every review (or block) threshold moved by d,
// never below 1; thresholds that are off stay off.
func shifted(p moderation.Policy, review, block int) moderation.Policy {
	move := func(t moderation.Thresholds) moderation.Thresholds {
		if t.Review > 0 {
			t.Review = max(1, t.Review+review)
		}
		if t.Block > 0 {
			t.Block = max(1, t.Block+block)
		}
		return t
	}
	q := p
	q.Default = move(p.Default)
	q.Categories = map[string]moderation.Thresholds{}
	for c, t := range p.Categories {
		q.Categories[c] = move(t)
	}
	return q
}

// prf is precision, recall and F1 from counts.
type prf struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Support   int     `json:"support"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (m *prf) finish() {
	m.Support = m.TP + m.FN
	if m.TP+m.FP > 0 {
		m.Precision = round(float64(m.TP)/float64(m.TP+m.FP), 3)
	}
	if m.TP+m.FN > 0 {
		m.Recall = round(float64(m.TP)/float64(m.TP+m.FN), 3)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = round(2*m.Precision*m.Recall/(m.Precision+m.Recall), 3)
	}
}

// p, r and f format precision, recall and F1, or "-" where there is
// nothing to measure.
func (m *prf) p() string { return ratio(m.Precision, m.TP+m.FP) }
func (m *prf) r() string { return ratio(m.Recall, m.TP+m.FN) }
func (m *prf) f() string { return ratio(m.F1, m.TP+m.FP+m.FN) }

func ratio(x float64, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", x)
}

// evalReport is the evaluation as printed with --json.
type evalReport struct {
	LabelField   string         `json:"label_field"`
	Labelled     int            `json:"labelled"`
	WithAction   int            `json:"with_action"`
	WithCategory int            `json:"with_categories"`
	Unlabelled   int            `json:"unlabelled"`
	Errors       int            `json:"errors"`
	Unknown      map[string]int `json:"unknown_labels,omitempty"`
	// Categories holds precision, recall and F1 per category, over the
	// records labelled with categories; "all" is the micro average.
	Categories map[string]*prf         `json:"categories"`
	Languages  map[string]*langMetrics `json:"languages"`
	// Confusion[expected][actual] counts records labelled with an action.
	Confusion map[string]map[string]int `json:"confusion"`
	Sweep     []sweepRow                `json:"threshold_sweep"`
}

type langMetrics struct {
	Records int `json:"records"`
	prf
	ActionRecords  int     `json:"action_records"`
	ActionAccuracy float64 `json:"action_accuracy"`
	TooStrict      int     `json:"too_strict"`
	TooLenient     int     `json:"too_lenient"`
}

// sweepRow is what the actions would be with the review and block
// thresholds of every category moved.
type sweepRow struct {
	Review  int            `json:"review_shift"`
	Block   int            `json:"block_shift"`
	Actions map[string]int `json:"actions"`
	Changed int            `json:"changed"`
	actionScore
}

// actionScore measures actions against expected actions: exact accuracy,
// and precision/recall of holding posts back (review or block).
type actionScore struct {
	Accuracy   float64 `json:"accuracy"`
	TooStrict  int     `json:"too_strict"`
	TooLenient int     `json:"too_lenient"`
	Held       prf     `json:"held_back"`
}

func (ev *evaluation) report() evalReport {
	// Rows are shown for the categories named by a label or a verdict;
	// parents added for the comparison get a row only when named too.
	named := map[string]bool{}
	for _, r := range ev.records {
		for _, c := range r.namedCats {
			named[c] = true
		}
	}
	rep := evalReport{
		LabelField: ev.field, Labelled: len(ev.records), Unlabelled: ev.unlabelled, Errors: ev.failed, Unknown: ev.unknown,
		Categories: map[string]*prf{}, Languages: map[string]*langMetrics{}, Confusion: map[string]map[string]int{},
	}
	all := &prf{}
	for a := moderation.Allow; a <= moderation.Block; a++ {
		row := map[string]int{}
		for b := moderation.Allow; b <= moderation.Block; b++ {
			row[b.String()] = 0
		}
		rep.Confusion[a.String()] = row
	}
	for _, r := range ev.records {
		lm := rep.Languages[r.language]
		if lm == nil {
			lm = &langMetrics{}
			rep.Languages[r.language] = lm
		}
		lm.Records++
		if r.hasAction {
			rep.WithAction++
			rep.Confusion[r.expAction.String()][r.action.String()]++
			lm.ActionRecords++
			switch {
			case r.action > r.expAction:
				lm.TooStrict++
			case r.action < r.expAction:
				lm.TooLenient++
			default:
				lm.ActionAccuracy++
			}
		}
		if !r.hasCats {
			continue
		}
		rep.WithCategory++
		for _, c := range r.expCats {
			m := rep.Categories[c]
			if m == nil {
				m = &prf{}
				rep.Categories[c] = m
			}
			if slices.Contains(r.cats, c) {
				m.TP++
				all.TP++
				lm.TP++
			} else {
				m.FN++
				all.FN++
				lm.FN++
			}
		}
		for _, c := range r.cats {
			if slices.Contains(r.expCats, c) || underAny(c, r.expCats) {
				// A more specific category than the label names
				// ("self-harm/intent" for "self-harm") is no false
				// positive.
				continue
			}
			m := rep.Categories[c]
			if m == nil {
				m = &prf{}
				rep.Categories[c] = m
			}
			m.FP++
			all.FP++
			lm.FP++
		}
	}
	for c, m := range rep.Categories {
		if !named[c] {
			delete(rep.Categories, c)
			continue
		}
		m.finish()
	}
	all.finish()
	rep.Categories["all"] = all
	for _, lm := range rep.Languages {
		lm.finish()
		if lm.ActionRecords > 0 {
			lm.ActionAccuracy = round(lm.ActionAccuracy/float64(lm.ActionRecords), 3)
		}
	}
	for _, s := range []struct{ review, block int }{
		{-2, 0}, {-1, 0}, {0, 0}, {1, 0}, {2, 0}, {0, -2}, {0, -1}, {0, 1}, {0, 2},
	} {
		p := shifted(ev.policy, s.review, s.block)
		row := sweepRow{Review: s.review, Block: s.block, Actions: map[string]int{}}
		acts := make([]moderation.Action, len(ev.records))
		for i, r := range ev.records {
			acts[i], _ = p.Decide(r.matches, r.tone, r.language)
			row.Actions[acts[i].String()]++
			if acts[i] != r.action {
				row.Changed++
			}
		}
		row.actionScore = ev.scoreActions(acts)
		rep.Sweep = append(rep.Sweep, row)
	}
	return rep
}

func (ev *evaluation) scoreActions(acts []moderation.Action) actionScore {
	var s actionScore
	n := 0
	for i, r := range ev.records {
		if !r.hasAction {
			continue
		}
		n++
		a := acts[i]
		switch {
		case a > r.expAction:
			s.TooStrict++
		case a < r.expAction:
			s.TooLenient++
		default:
			s.Accuracy++
		}
		held, want := a >= moderation.Review, r.expAction >= moderation.Review
		switch {
		case held && want:
			s.Held.TP++
		case held:
			s.Held.FP++
		case want:
			s.Held.FN++
		}
	}
	if n > 0 {
		s.Accuracy = round(s.Accuracy/float64(n), 3)
	}
	s.Held.finish()
	return s
}

// write prints the evaluation, as tables or as JSON.
func (ev *evaluation) write(w io.Writer) error {
	rep := ev.report()
	if ev.asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Evaluation against the %q field: %d labelled records (%d with an expected action, %d with expected categories), %d unlabelled, %d not judged.\n",
		rep.LabelField, rep.Labelled, rep.WithAction, rep.WithCategory, rep.Unlabelled, rep.Errors)
	if len(rep.Unknown) > 0 {
		var names []string
		for _, n := range sortedCounts(rep.Unknown) {
			names = append(names, fmt.Sprintf("%q ×%d", n, rep.Unknown[n]))
		}
		fmt.Fprintf(&b, "Ignored label names (neither an action nor a category): %s\n", strings.Join(names, ", "))
	}

	fmt.Fprintf(&b, "\nCategories (with their parents; over the records labelled with categories)\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "category\tprecision\trecall\tF1\tsupport\tTP\tFP\tFN\t\n")
	cats := slices.Sorted(maps.Keys(rep.Categories))
	cats = slices.DeleteFunc(cats, func(c string) bool { return c == "all" })
	for _, c := range append(cats, "all") {
		m := rep.Categories[c]
		name := c
		if c == "all" {
			name = "all (micro)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t\n", name, m.p(), m.r(), m.f(), m.Support, m.TP, m.FP, m.FN)
	}
	tw.Flush()

	fmt.Fprintf(&b, "\nLanguages (as detected)\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "language\trecords\tprecision\trecall\tF1\taction accuracy\ttoo strict\ttoo lenient\t\n")
	for _, l := range slices.Sorted(maps.Keys(rep.Languages)) {
		m := rep.Languages[l]
		acc := "-"
		if m.ActionRecords > 0 {
			acc = fmt.Sprintf("%.3f", m.ActionAccuracy)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t\n", l, m.Records, m.p(), m.r(), m.f(), acc, m.TooStrict, m.TooLenient)
	}
	tw.Flush()

	fmt.Fprintf(&b, "\nActions: expected (rows) against actual (columns)\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "expected \\ actual\t")
	for a := moderation.Allow; a <= moderation.Block; a++ {
		fmt.Fprintf(tw, "%s\t", a)
	}
	fmt.Fprintln(tw)
	for a := moderation.Allow; a <= moderation.Block; a++ {
		fmt.Fprintf(tw, "%s\t", a)
		for c := moderation.Allow; c <= moderation.Block; c++ {
			fmt.Fprintf(tw, "%d\t", rep.Confusion[a.String()][c.String()])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	fmt.Fprintf(&b, "\nThreshold sweep: every category's review or block threshold moved (never below 1); \"held\" is review or block\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "thresholds\tallow\tlabel\tlimit\treview\tblock\tchanged\taccuracy\ttoo strict\ttoo lenient\theld P\theld R\theld F1\t\n")
	for _, r := range rep.Sweep {
		name := "as configured"
		switch {
		case r.Review != 0:
			name = fmt.Sprintf("review %+d", r.Review)
		case r.Block != 0:
			name = fmt.Sprintf("block %+d", r.Block)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%.3f\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", name,
			r.Actions["allow"], r.Actions["label"], r.Actions["limit"], r.Actions["review"], r.Actions["block"],
			r.Changed, r.Accuracy, r.TooStrict, r.TooLenient, r.Held.Precision, r.Held.Recall, r.Held.F1)
	}
	tw.Flush()
	_, err := w.Write(b.Bytes())
	return err
}
