package moderation

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// auc is the probability that a random "good" score ranks above a random
// "bad" one (ties count half).
func auc(good, bad []float64) float64 {
	if len(good) == 0 || len(bad) == 0 {
		return 0
	}
	n := 0.0
	for _, g := range good {
		for _, b := range bad {
			switch {
			case g > b:
				n++
			case g == b:
				n += 0.5
			}
		}
	}
	return n / float64(len(good)*len(bad))
}

type labelledPost struct {
	Label, Lang, Text string
}

func readLabelled(t *testing.T, path string) []labelledPost {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []labelledPost
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p labelledPost
		require.NoError(t, json.Unmarshal(sc.Bytes(), &p))
		out = append(out, p)
	}
	require.NoError(t, sc.Err())
	return out
}

// TestToneRanking checks, on posts written for the purpose, that what fits
// a lifestyle community scores above bait, shouting, spam and hostility,
// that most of the latter are labelled off and none of the former, and that
// the entertainment profile scores the same posts differently.
func TestToneRanking(t *testing.T) {
	base := moderator(t)
	ent, err := New(WithDetector(base.Detector()), WithProfileName("entertainment"))
	require.NoError(t, err)
	posts := readLabelled(t, filepath.Join("tone", "testdata", "labelled_posts.jsonl"))
	var fits, off, entFits, entOff []float64
	offLabelled, fitsOff := 0, 0
	diff := 0.0
	for _, p := range posts {
		v, err := base.Moderate(context.Background(), Post{Text: p.Text})
		require.NoError(t, err)
		e, err := ent.Moderate(context.Background(), Post{Text: p.Text})
		require.NoError(t, err)
		diff += abs(v.Tone.Score - e.Tone.Score)
		if p.Label == "fits" {
			fits, entFits = append(fits, v.Tone.Score), append(entFits, e.Tone.Score)
			if v.Tone.Label == "off" {
				fitsOff++
				t.Logf("fits but labelled off: %q %+v", p.Text, v.Tone.Signals)
			}
		} else {
			off, entOff = append(off, v.Tone.Score), append(entOff, e.Tone.Score)
			if v.Tone.Label == "off" {
				offLabelled++
			} else {
				t.Logf("off but labelled %s (%.2f): %q", v.Tone.Label, v.Tone.Score, p.Text)
			}
		}
	}
	a := auc(fits, off)
	t.Logf("lifestyle AUC %.3f; off posts labelled off %d/%d; fitting posts labelled off %d/%d; entertainment AUC %.3f; mean |lifestyle - entertainment| %.3f",
		a, offLabelled, len(off), fitsOff, len(fits), auc(entFits, entOff), diff/float64(len(posts)))
	assert.GreaterOrEqual(t, a, 0.95, "ranking quality")
	assert.Zero(t, fitsOff, "no fitting post is labelled off")
	assert.GreaterOrEqual(t, float64(offLabelled)/float64(len(off)), 0.7, "most off-tone posts are labelled off")
	assert.GreaterOrEqual(t, diff/float64(len(posts)), 0.05, "the entertainment profile scores visibly differently")
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestToneReviewsReport measures tone on the shared product-review
// sentences (UCI, CC BY 4.0): genuine reviews, positive or negative, are
// almost never off, and positive ones rank above negative ones.
func TestToneReviewsReport(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "tone", "uci_amazon_cells_labelled.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("shared data not found (%v); skipping the review report", err)
	}
	defer f.Close()
	m := moderator(t)
	var pos, neg []float64
	offCount, actioned, total := 0, 0, 0
	var offExamples []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		label, text, ok := strings.Cut(sc.Text(), "\t")
		if !ok || label == "label" {
			continue
		}
		v, err := m.Moderate(context.Background(), Post{Text: text})
		require.NoError(t, err)
		total++
		if v.Tone.Label == "off" {
			offCount++
			if len(offExamples) < 8 {
				offExamples = append(offExamples, fmt.Sprintf("%q", text))
			}
		}
		if v.Action != Allow {
			actioned++
		}
		if label == "1" {
			pos = append(pos, v.Tone.Score)
		} else {
			neg = append(neg, v.Tone.Score)
		}
	}
	require.NoError(t, sc.Err())
	slices.Sort(pos)
	slices.Sort(neg)
	t.Logf("reviews: %d; labelled off %d (%.1f%%); acted on %d (%.1f%%); AUC positive > negative %.3f; median score positive %.3f, negative %.3f",
		total, offCount, 100*float64(offCount)/float64(total), actioned, 100*float64(actioned)/float64(total), auc(pos, neg), pos[len(pos)/2], neg[len(neg)/2])
	t.Logf("off examples: %s", strings.Join(offExamples, "; "))
	assert.LessOrEqual(t, float64(offCount)/float64(total), 0.05, "genuine reviews are almost never off")
	assert.LessOrEqual(t, float64(actioned)/float64(total), 0.015, "genuine reviews are almost never acted on")
	assert.GreaterOrEqual(t, auc(pos, neg), 0.7, "positive reviews rank above negative ones")
}
