package rules

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
)

// samplePosts reads the texts of the example export in the repository.
func samplePosts(tb testing.TB) []string {
	f, err := os.Open("../examples/data/posts.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatal(err)
		}
		out = append(out, rec.Text)
	}
	return out
}

// commonHan are frequent Chinese characters for synthetic terms.
const commonHan = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切"

// syntheticPack returns n distinct terms, half Chinese (2-4 characters)
// and half English word-like strings (5-12 letters), from a fixed seed.
func syntheticPack(n int) *Pack {
	rng := rand.New(rand.NewPCG(1, 2))
	han := []rune(commonHan)
	seen := map[string]bool{}
	var terms []string
	for len(terms) < n {
		var b strings.Builder
		if len(terms)%2 == 0 {
			for range 2 + rng.IntN(3) {
				b.WriteRune(han[rng.IntN(len(han))])
			}
		} else {
			for range 5 + rng.IntN(8) {
				b.WriteByte("etaoinshrdlucmfwypvbgkqjxz"[min(rng.IntN(26), rng.IntN(26))])
			}
		}
		if t := b.String(); !seen[termKey(t)] {
			seen[termKey(t)] = true
			terms = append(terms, t)
		}
	}
	return &Pack{Name: "synthetic", Rules: []*Rule{{ID: "synthetic", Category: "spam", Severity: 1, Match: MatchWord, Terms: terms}}}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkFind scans the sample posts with the default packs, and with a
// 100,000-term pack loaded on top of them:
//
//	go test -run x -bench 'Find$' -count 6 ./rules/ | tee /tmp/find.txt
//	benchstat -col /set /tmp/find.txt
func BenchmarkFind(b *testing.B) {
	posts := samplePosts(b)
	defaults, err := DefaultPacks()
	if err != nil {
		b.Fatal(err)
	}
	big := syntheticPack(100_000)
	for _, tc := range []struct {
		name  string
		packs []*Pack
	}{{"defaults", defaults}, {"defaults+100k", append(defaults[:len(defaults):len(defaults)], big)}} {
		b.Run("set="+tc.name, func(b *testing.B) {
			before := heapInUse()
			s, err := Compile(tc.packs...)
			if err != nil {
				b.Fatal(err)
			}
			heap := heapInUse() - before
			var n int64
			for _, p := range posts {
				n += int64(len(p))
			}
			b.SetBytes(n / int64(len(posts)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				s.Find(posts[i%len(posts)], FindOptions{Language: "zh-Hans"})
			}
			b.ReportMetric(float64(heap), "set-heap-bytes")
			runtime.KeepAlive(s)
		})
	}
}

// BenchmarkCompile compiles the defaults plus a 100,000-term pack.
func BenchmarkCompile(b *testing.B) {
	defaults, err := DefaultPacks()
	if err != nil {
		b.Fatal(err)
	}
	big := syntheticPack(100_000)
	packs := append(defaults[:len(defaults):len(defaults)], big)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(packs...); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSyntheticPackIsDistinct(t *testing.T) {
	p := syntheticPack(1000)
	require := func(cond bool, msg string) {
		if !cond {
			t.Fatal(msg)
		}
	}
	require(len(p.Rules[0].Terms) == 1000, fmt.Sprint(len(p.Rules[0].Terms)))
	_, err := Compile(p)
	require(err == nil, fmt.Sprint(err))
}
