// Command naive is the moderation pipeline a user would assemble from the
// same parts without feedguard: lingua-go restricted to feedguard's 15
// default languages for the language, and github.com/cloudflare/ahocorasick
// over the lower-cased terms of feedguard's default rule packs for the
// matches, one goroutine per core. It reads JSON Lines, writes one JSON
// line per post (in no particular order) and prints its own timing to
// stderr as JSON.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"io"
	"log"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/cloudflare/ahocorasick"
	"github.com/pemistahl/lingua-go"

	"github.com/feedguard/feedguard/rules"
)

// languages are feedguard's default languages: zh en ja ko es fr de pt ru
// ar vi th id it tr.
var languages = []lingua.Language{
	lingua.Chinese, lingua.English, lingua.Japanese, lingua.Korean, lingua.Spanish,
	lingua.French, lingua.German, lingua.Portuguese, lingua.Russian, lingua.Arabic,
	lingua.Vietnamese, lingua.Thai, lingua.Indonesian, lingua.Italian, lingua.Turkish,
}

type post struct {
	ID   json.RawMessage `json:"id"`
	Text string          `json:"text"`
}

type verdict struct {
	ID       json.RawMessage `json:"id,omitempty"`
	Language string          `json:"language"`
	Terms    []string        `json:"terms"`
}

func main() {
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines")
	out := flag.String("out", "", "output file (default: discard)")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: naive [--workers N] [--out FILE] FILE.jsonl")
	}
	set, err := rules.Default()
	if err != nil {
		log.Fatal(err)
	}
	var terms []string
	for _, r := range set.Rules() {
		for _, t := range r.Terms {
			terms = append(terms, strings.ToLower(t))
		}
	}
	matcher := ahocorasick.NewStringMatcher(terms)
	detector := lingua.NewLanguageDetectorBuilder().FromLanguages(languages...).WithPreloadedLanguageModels().Build()

	in, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	w := io.Discard
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	var mu sync.Mutex

	start := time.Now()
	lines := make(chan []byte, *workers*16)
	var wg sync.WaitGroup
	n := 0
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for line := range lines {
				var p post
				if err := json.Unmarshal(line, &p); err != nil {
					continue
				}
				v := verdict{ID: p.ID, Language: "und"}
				if lang, ok := detector.DetectLanguageOf(p.Text); ok {
					v.Language = strings.ToLower(lang.IsoCode639_1().String())
				}
				for _, i := range matcher.Match([]byte(strings.ToLower(p.Text))) {
					v.Terms = append(v.Terms, terms[i])
				}
				b, _ := json.Marshal(v)
				mu.Lock()
				bw.Write(b)
				bw.WriteByte('\n')
				mu.Unlock()
			}
		}()
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 32<<20)
	for sc.Scan() {
		lines <- append([]byte(nil), sc.Bytes()...)
		n++
	}
	close(lines)
	wg.Wait()
	bw.Flush()
	elapsed := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	json.NewEncoder(os.Stderr).Encode(map[string]any{
		"records": n, "elapsed_seconds": elapsed.Seconds(), "records_per_second": float64(n) / elapsed.Seconds(),
		"heap_sys": ms.HeapSys,
	})
}
