package moderation

// TestPacksReport measures the embedded rule packs the way users meet
// them — moderation.New() with every default — on the development data in
// ../shared/data (skipped when it is absent): how much innocent text is
// acted on (any action but allow) and how much harmful text is let
// through. Run it with
//
//	go test ./moderation/ -run TestPacksReport -v
//
// It prints the table with issue 5's targets and fails if a figure falls
// back past the level it was measured at (the floor): the floors only
// ever move towards the targets.

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sharedData = filepath.Join("..", "..", "shared", "data")

// reportLines reads the non-empty lines of path; with column >= 0 it
// reads that tab-separated column, skipping the header line.
func reportLines(t *testing.T, path string, column int, keep func(fields []string) bool) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if column >= 0 {
			if first {
				first = false
				continue
			}
			fields := strings.Split(l, "\t")
			if column >= len(fields) || keep != nil && !keep(fields) {
				continue
			}
			l = fields[column]
		}
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

func TestPacksReport(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("no %s (the project's development data): skipping the rule pack report", sharedData)
	}
	m := moderator(t)
	ctx := context.Background()
	judge := func(texts []string) (acted int, missed, flagged []string) {
		for _, x := range texts {
			v, err := m.Moderate(ctx, Post{Text: x})
			require.NoError(t, err)
			if v.Action != Allow {
				acted++
				flagged = append(flagged, fmt.Sprintf("%q → %s %v", x, v.Action, v.Categories))
			} else {
				missed = append(missed, x)
			}
		}
		return
	}
	p := func(parts ...string) string { return filepath.Join(append([]string{sharedData}, parts...)...) }
	// Plain sentences: the first 150 sentences of each of the 15
	// languages of the lingua corpus, and go-away's clean sentences.
	perLang := map[string]int{}
	plain := reportLines(t, p("langid", "lingua_pairs_sentences.tsv"), 2, func(f []string) bool {
		if f[1] != "sentences" || perLang[f[0]] >= 150 {
			return false
		}
		perLang[f[0]]++
		return true
	})
	plain = append(plain, reportLines(t, p("fp_innocent", "goaway_clean_sentences.txt"), -1, nil)...)

	type spec struct {
		name    string
		harmful bool
		texts   []string
		floor   float64 // asserted: measured level
		target  float64 // issue 5's target, printed
	}
	specs := []spec{
		{"innocent: Scunthorpe strings (blns_scunthorpe)", false, reportLines(t, p("fp_innocent", "blns_scunthorpe.txt"), -1, nil), 0, 0},
		{"innocent: UDHR articles, 17 languages", false, reportLines(t, p("langid", "udhr_articles.tsv"), 3, nil), 0.005, 0.02},
		{"innocent: plain sentences, 15 languages + go-away clean", false, plain, 0.006, 0.02},
		{"innocent: go-away false-positive sentences", false, reportLines(t, p("fp_innocent", "goaway_false_positive_sentences.txt"), -1, nil), 0, 0},
		{"innocent: words rated likely clean (cuss en 0)", false, reportLines(t, p("fp_innocent", "cuss_en_sureness0.txt"), -1, nil), 0.005, 0.02},
		{"harmful: English profanity and evasions (go-away)", true, reportLines(t, p("recall", "goaway_evasion_positives.tsv"), 0, nil), 0.91, 0.85},
		{"harmful: words rated likely profane (cuss en 2)", true, reportLines(t, p("recall", "cuss_en_sureness2.txt"), -1, nil), 0.77, 0.80},
		{"harmful: Chinese Traditional list (bad-words-chinese)", true, reportLines(t, p("recall", "bad_words_chinese_traditional.txt"), -1, nil), 0.57, 0},
		{"harmful: Chinese LDNOOBW list (has innocent singles)", true, reportLines(t, p("recall", "ldnoobw_zh.txt"), -1, nil), 0.47, 0},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-56s %6s %7s %9s %8s %8s\n", "set (measured on ../shared/data)", "posts", "acted", "share", "floor", "target")
	for _, s := range specs {
		acted, missed, flagged := judge(s.texts)
		share := float64(acted) / float64(max(len(s.texts), 1))
		floor, target := fmt.Sprintf("≤ %.1f%%", s.floor*100), fmt.Sprintf("≤ %.0f%%", s.target*100)
		if s.harmful {
			floor, target = fmt.Sprintf("≥ %.0f%%", s.floor*100), fmt.Sprintf("≥ %.0f%%", s.target*100)
		}
		if s.harmful && s.target == 0 {
			target = "-"
		}
		fmt.Fprintf(&b, "%-56s %6d %7d %8.1f%% %8s %8s\n", s.name, len(s.texts), acted, share*100, floor, target)
		if s.harmful {
			assert.GreaterOrEqual(t, share, s.floor, "%s: share not allowed", s.name)
			if testing.Verbose() && len(missed) > 0 {
				t.Logf("%s: allowed %d, e.g. %q", s.name, len(missed), missed[:min(len(missed), 40)])
			}
		} else {
			assert.LessOrEqual(t, share, s.floor, "%s: share acted on; %s", s.name, strings.Join(flagged[:min(len(flagged), 10)], "; "))
			if testing.Verbose() && len(flagged) > 0 {
				t.Logf("%s: acted on %d, e.g. %s", s.name, len(flagged), strings.Join(flagged[:min(len(flagged), 20)], "; "))
			}
		}
	}
	t.Log(b.String())
}
