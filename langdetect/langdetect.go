package langdetect

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"

	"github.com/feedguard/feedguard/langdetect/internal/ngram"
	"github.com/feedguard/feedguard/langdetect/internal/textscan"
)

// Undetermined is the BCP 47 tag reported when the language cannot be
// determined: too few letters, or only letters of unconfigured languages.
const Undetermined = "und"

// Tags reported for Chinese text, which is told apart by script variant.
const (
	SimplifiedChinese  = "zh-Hans"
	TraditionalChinese = "zh-Hant"
)

// Limits and weights of the detection; see the package documentation.
const (
	// MaxScanBytes is the length of the prefix of a text that Detect
	// examines. Spans never extend beyond it.
	MaxScanBytes = 4096
	// maxModelBytes bounds the text of one script handed to the n-gram
	// models; lingua's accuracy is saturated long before it.
	maxModelBytes = 1024
	// minRunWeight is the weight below which a run is too short to be
	// judged on its own and takes the language of its neighbours.
	minRunWeight = 3
	// minTextWeight is the weight of judged letters below which the whole
	// text is Undetermined.
	minTextWeight = 3
	// maxShortLatinRun is the most letters a run of Latin script may have
	// to take the language of a Chinese, Japanese or Korean text.
	maxShortLatinRun = 8
)

// letterWeight is how much one letter of a script counts towards the
// primary language, in Latin letters. The values are the ratio of letters
// in the English Universal Declaration of Human Rights to letters in its
// translation: one Han character carries about 3.4 Latin letters, most of a
// word; a Hangul syllable 2.5; Japanese text (kana with kanji) 2.2 on
// average, which Han at 3.4 and kana at 1.5 reproduce.
func letterWeight(r *textscan.Run) float64 {
	switch r.Script {
	case textscan.CJK:
		return 3.4*float64(r.Han) + 1.5*float64(r.Letters-r.Han)
	case textscan.Hangul:
		return 2.5 * float64(r.Letters)
	case textscan.Arabic:
		return 1.4 * float64(r.Letters)
	case textscan.Thai:
		return 1.2 * float64(r.Letters)
	}
	return float64(r.Letters)
}

// Option configures a Detector. Options compose: WithLanguages adds to the
// languages of earlier WithLanguages options.
type Option func(*config)

type config struct {
	tags    []string
	setTags bool
	lazy    bool
	lingua  bool // classify shared scripts with lingua even where tables exist
}

// withLinguaScorer makes New classify every shared script with lingua-go
// instead of feedguard's n-gram tables. The tests and benchmarks compare
// the two.
func withLinguaScorer() Option {
	return func(c *config) { c.lingua = true }
}

// WithLanguages restricts detection to the given languages, as BCP 47 tags
// ("zh", "en", "pt-BR"). Region and script subtags are ignored, so "zh",
// "zh-Hans" and "zh-Hant" all select Chinese, reported as zh-Hans or
// zh-Hant. Duplicates are ignored. New fails on a tag that is malformed or
// names a language lingua has no model for, and when fewer than two
// distinct languages remain.
func WithLanguages(tags ...string) Option {
	tags = slices.Clone(tags)
	return func(c *config) {
		c.tags = append(c.tags, tags...)
		c.setTags = true
	}
}

// WithLazyLoading defers loading the n-gram models until a text first
// needs them, which makes New fast and moves the cost (a fraction of a
// second and about 26 MiB for the nine Latin-script default languages;
// seconds and hundreds of megabytes for languages that need lingua, see
// the package documentation) to the first Detect call that needs them.
func WithLazyLoading() Option {
	return func(c *config) { c.lazy = true }
}

// Result is the outcome of Detect.
type Result struct {
	// Language is the primary language as a BCP 47 tag: the configured
	// language with the most letter weight, "zh-Hans" or "zh-Hant" for
	// Chinese, or Undetermined.
	Language string
	// Confidence in Language, between 0 and 1; 0 with Undetermined.
	Confidence float64
	// Spans are the runs of text in one language, in order and not
	// overlapping. Gaps between spans hold only characters that carry no
	// language, or letters of languages the Detector is not configured for.
	Spans []Span
}

// Span is a run of text in one language. Start and End are byte offsets
// into the text passed to Detect, on rune boundaries, Start < End.
type Span struct {
	Start, End int
	Language   string
}

// Detector identifies the language of short social-media posts. It is
// immutable after New and safe for concurrent use. The zero value (and a
// nil *Detector) has no languages and reports Undetermined for every text.
type Detector struct {
	langs    []string
	byScript [textscan.NumScripts][]langInfo
	// Per script shared by several configured languages: feedguard's
	// n-gram tables when they cover all of them, lingua otherwise.
	scorers [textscan.NumScripts]*scorer
	models  [textscan.NumScripts]lingua.LanguageDetector
	zh, ja  bool
}

// scorer loads the n-gram tables of one script once, when New runs or,
// with WithLazyLoading, when a text first needs them.
type scorer struct {
	langs []string
	once  sync.Once
	model *ngram.Model
	err   error
}

func (s *scorer) load() (*ngram.Model, error) {
	s.once.Do(func() { s.model, s.err = ngram.Load(s.langs) })
	return s.model, s.err
}

// New returns a Detector for DefaultLanguages, or the languages given with
// WithLanguages. Unless WithLazyLoading is given, it loads the n-gram models
// of every script shared by two or more configured languages (for the
// default languages: the nine Latin-script ones).
func New(opts ...Option) (*Detector, error) {
	var cfg config
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	tags := cfg.tags
	if !cfg.setTags {
		tags = defaultLanguages
	}
	d := &Detector{}
	for _, tag := range tags {
		info, err := resolve(tag)
		if err != nil {
			return nil, err
		}
		if slices.Contains(d.langs, info.tag) {
			continue
		}
		d.langs = append(d.langs, info.tag)
		d.byScript[info.script] = append(d.byScript[info.script], info)
		switch info.tag {
		case "zh":
			d.zh = true
		case "ja":
			d.ja = true
		}
	}
	if len(d.langs) < 2 {
		return nil, fmt.Errorf("langdetect: at least 2 distinct languages are required, got %d (%s)", len(d.langs), strings.Join(d.langs, ", "))
	}
	for script, infos := range d.byScript {
		if len(infos) < 2 || textscan.Script(script) == textscan.CJK {
			continue
		}
		tags := make([]string, len(infos))
		for i, info := range infos {
			tags[i] = info.tag
		}
		if !cfg.lingua && ngram.Covers(tags) {
			s := &scorer{langs: tags}
			if !cfg.lazy {
				if _, err := s.load(); err != nil {
					return nil, fmt.Errorf("langdetect: %v", err)
				}
			}
			d.scorers[script] = s
			continue
		}
		langs := make([]lingua.Language, len(infos))
		for i, info := range infos {
			langs[i] = info.lingua
		}
		b := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...)
		if !cfg.lazy {
			b = b.WithPreloadedLanguageModels()
		}
		d.models[script] = b.Build()
	}
	return d, nil
}

// Languages returns the configured languages as BCP 47 base tags, in the
// order given.
func (d *Detector) Languages() []string {
	if d == nil {
		return nil
	}
	return slices.Clone(d.langs)
}

// label is the verdict on one run.
type label struct {
	lang   string  // "" until decided
	conf   float64 // confidence in lang
	weight float64
	judged bool // long enough to be judged on its own
	skip   bool // letters of no configured language
}

type scratch struct {
	scan   textscan.Scanner
	labels []label
	buf    []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Detect returns the primary language of text, its confidence and the
// language spans, from the first MaxScanBytes bytes of text.
func (d *Detector) Detect(text string) Result {
	if d == nil || len(d.langs) == 0 {
		return Result{Language: Undetermined}
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)

	sc.scan.Scan(text, MaxScanBytes)
	runs := sc.scan.Runs
	if len(runs) == 0 {
		return Result{Language: Undetermined}
	}

	var ev textscan.Evidence
	for i := range runs {
		if runs[i].Script == textscan.CJK {
			ev.Han += runs[i].Han
			ev.Kana += runs[i].Kana
			ev.WeakKana += runs[i].WeakKana
			ev.Simplified += runs[i].Simplified
			ev.Traditional += runs[i].Traditional
			ev.Japanese += runs[i].Japanese
		}
	}
	cjkLang, variantConf := d.decideCJK(ev)

	labels := sc.labels[:0]
	needModel := [textscan.NumScripts]bool{}
	for i := range runs {
		r := &runs[i]
		l := label{weight: letterWeight(r)}
		l.judged = l.weight >= minRunWeight
		switch cands := d.byScript[r.Script]; {
		case r.Script == textscan.CJK:
			if cjkLang == "" {
				l.skip = true
				break
			}
			l.lang, l.conf = cjkLang, scriptConfidence(l.weight)*variantConf
		case len(cands) == 0:
			l.skip = true
		case len(cands) == 1:
			l.lang, l.conf = cands[0].tag, scriptConfidence(l.weight)
		default:
			needModel[r.Script] = needModel[r.Script] || l.judged
		}
		labels = append(labels, l)
	}
	sc.labels = labels

	for script, need := range needModel {
		if need {
			sc.buf = d.classify(text, textscan.Script(script), runs, sc.scan.Words, labels, sc.buf)
		}
	}

	// Runs too short to judge take the language of the nearest judged run,
	// left first, without crossing letters of unconfigured languages.
	for i := range labels {
		if labels[i].skip || (labels[i].judged && labels[i].lang != "") {
			continue
		}
		labels[i].lang = ""
		for j := i - 1; j >= 0 && !labels[j].skip; j-- {
			if labels[j].judged && labels[j].lang != "" {
				labels[i].lang = labels[j].lang
				break
			}
		}
		if labels[i].lang != "" {
			continue
		}
		for j := i + 1; j < len(labels) && !labels[j].skip; j++ {
			if labels[j].judged && labels[j].lang != "" {
				labels[i].lang = labels[j].lang
				break
			}
		}
	}

	return buildResult(runs, labels)
}

// decideCJK returns the language of the text's Han and kana letters, ""
// when no configured language uses them, and the confidence factor for the
// Simplified/Traditional choice.
func (d *Detector) decideCJK(ev textscan.Evidence) (string, float64) {
	japanese := ev.Kana-ev.WeakKana > 0 || (ev.Japanese > 0 && 10*ev.Japanese >= ev.Han)
	switch {
	case japanese && d.ja:
		return "ja", 1
	case japanese && ev.Kana > 0, !d.zh && !d.ja:
		return "", 0
	case !d.zh:
		return "ja", 1
	}
	diff := ev.Simplified - ev.Traditional
	lang := SimplifiedChinese
	if diff < 0 {
		lang, diff = TraditionalChinese, -diff
	}
	return lang, 1 - 0.15*math.Exp(-float64(diff))
}

// scriptConfidence is the confidence in a language decided by its script
// alone, growing with the weight of the evidence: 0.75 at the minimum
// weight (one Han character), 0.9 for two Han characters, 0.98 from about
// six.
func scriptConfidence(weight float64) float64 {
	return 0.99 - 0.24*math.Exp(-(weight-minRunWeight)/4)
}

// classify labels the judged runs of script with the language lingua finds
// for their letters together, and returns buf for reuse.
func (d *Detector) classify(text string, script textscan.Script, runs []textscan.Run, words []textscan.Word, labels []label, buf []byte) []byte {
	buf = buf[:0]
	n := 0
	for i := range runs {
		if runs[i].Script != script || !labels[i].judged {
			continue
		}
		for _, w := range words[runs[i].FirstWord:runs[i].LastWord] {
			if len(buf) >= maxModelBytes {
				break
			}
			if n > 0 {
				buf = append(buf, ' ')
			}
			buf = appendLetters(buf, text[w.Start:w.End], maxModelBytes)
			n++
		}
	}
	if n == 0 {
		return buf
	}
	var tag string
	var conf float64
	switch {
	case d.scorers[script] != nil:
		m, err := d.scorers[script].load()
		if err != nil {
			return buf // the embedded tables are checked by the tests
		}
		i, c := m.Classify(buf)
		if i < 0 {
			return buf
		}
		tag, conf = m.Language(i), c
	case d.models[script] != nil:
		values := d.models[script].ComputeLanguageConfidenceValues(string(buf))
		if len(values) < 2 || values[0].Value() == 0 || values[0].Value() == values[1].Value() {
			return buf
		}
		tag, conf = strings.ToLower(values[0].Language().IsoCode639_1().String()), values[0].Value()
	default:
		return buf
	}
	for i := range runs {
		if runs[i].Script == script && labels[i].judged {
			labels[i].lang, labels[i].conf = tag, conf
		}
	}
	return buf
}

// appendLetters appends the letters and marks of word to buf, folding
// full-width ASCII letters to ASCII and dropping invisible format
// characters such as ZERO WIDTH SPACE, and stops before buf would grow
// beyond limit bytes.
func appendLetters(buf []byte, word string, limit int) []byte {
	for _, r := range word {
		switch {
		case r < 0x80:
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case unicode.Is(unicode.Cf, r) || r == 0xAD:
			continue
		}
		if len(buf)+utf8.RuneLen(r) > limit {
			break
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// buildResult merges labelled runs into spans and picks the primary
// language.
func buildResult(runs []textscan.Run, labels []label) Result {
	type total struct {
		lang         string
		weight, conf float64 // conf is weighted by weight
		first        int
	}
	var totals [8]total
	tl := totals[:0]
	judgedWeight := 0.0
	for i, l := range labels {
		if l.skip || l.lang == "" {
			continue
		}
		k := slices.IndexFunc(tl, func(t total) bool { return t.lang == l.lang })
		if k < 0 {
			tl = append(tl, total{lang: l.lang, first: i})
			k = len(tl) - 1
		}
		tl[k].weight += l.weight
		if l.judged {
			tl[k].conf += l.conf * l.weight
			judgedWeight += l.weight
		}
	}
	if judgedWeight < minTextWeight || len(tl) == 0 {
		return Result{Language: Undetermined}
	}
	best := slices.MaxFunc(tl, func(a, b total) int {
		if c := cmp.Compare(a.weight, b.weight); c != 0 {
			return c
		}
		return cmp.Compare(b.first, a.first)
	})

	res := Result{Language: best.lang}
	judgedBest := 0.0
	for _, l := range labels {
		if l.lang == best.lang && l.judged {
			judgedBest += l.weight
		}
	}
	if judgedBest > 0 {
		res.Confidence = best.conf / judgedBest
	}
	if base, _, _ := strings.Cut(best.lang, "-"); base == "zh" || base == "ja" || base == "ko" {
		// Pinyin initials and abbreviations such as "nmsl", "tmd" or
		// "yyds" are written in Latin letters but belong to the Chinese,
		// Japanese or Korean text around them; so few letters cannot say
		// otherwise.
		for i := range labels {
			if runs[i].Script == textscan.Latin && labels[i].lang != "" && runs[i].Letters <= maxShortLatinRun {
				labels[i].lang = best.lang
			}
		}
	}

	open := false // whether the last span may be extended
	for i, l := range labels {
		if l.skip {
			open = false
			continue
		}
		if l.lang == "" {
			continue
		}
		if n := len(res.Spans); open && res.Spans[n-1].Language == l.lang {
			res.Spans[n-1].End = runs[i].End
			continue
		}
		res.Spans = append(res.Spans, Span{Start: runs[i].Start, End: runs[i].End, Language: l.lang})
		open = true
	}
	return res
}
