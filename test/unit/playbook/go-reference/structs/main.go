// Reference for goStruct.ts: the runner's decoding of a rendered file (SelfDescribingRecord, then
// `data` re-marshalled and unmarshalled into the generated structs), reading cases as JSON on stdin.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type SelfDescribingRecord struct {
	Schema string
	Data   interface{}
}

type testCase struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

func decode(c testCase) string {
	sdr := new(SelfDescribingRecord)
	if err := json.Unmarshal([]byte(c.Text), &sdr); err != nil {
		return err.Error()
	}
	b, err := json.Marshal(sdr.Data)
	if err != nil {
		b = []byte("{}")
	}
	var record interface{}
	if c.Kind == "cluster" {
		record = new(ClusterConfig)
	} else {
		record = new(PlaybookConfig)
	}
	if err := json.Unmarshal(b, &record); err != nil {
		return err.Error()
	}
	return ""
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = decode(c)
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}
