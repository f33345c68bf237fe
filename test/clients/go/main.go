// A caller of the Go client that openapi-generator makes from openapi/openapi.json (into ./gotrs),
// built and run against the API by generated-clients.test.ts: it creates tickets with the priority
// left out, given as a number and as an OTRS name, lists the queue's tickets by status filters, and
// prints what it saw as one JSON line. The bearer credential (a GOTRS access token or an API key)
// comes from GOTRS_TOKEN, sent the way the generated client sends the document's bearer scheme.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"example.com/gotrs-client-check/gotrs"
)

type report struct {
	Priorities []int32 `json:"priorities"`
	Listed     int     `json:"listed"`
	RequestID  string  `json:"requestId"`
	Error      string  `json:"error,omitempty"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: client-check <base URL> <queue>")
		os.Exit(2)
	}
	out := run(os.Args[1], os.Args[2])
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
	if out.Error != "" {
		os.Exit(1)
	}
}

func run(baseURL, queue string) report {
	cfg := gotrs.NewConfiguration()
	cfg.Servers = gotrs.ServerConfigurations{{URL: baseURL}}
	client := gotrs.NewAPIClient(cfg)
	ctx := context.WithValue(context.Background(), gotrs.ContextAccessToken, os.Getenv("GOTRS_TOKEN"))

	five := int32(5)
	name := "4 high"
	priorities := []*gotrs.Priority{nil, ptr(gotrs.Int32AsPriority(&five)), ptr(gotrs.StringAsPriority(&name))}
	var out report
	for i, priority := range priorities {
		body := gotrs.NewCreateTicketRequest(fmt.Sprintf("Go client ticket %d", i))
		body.SetQueue(queue)
		if priority != nil {
			body.SetPriority(*priority)
		}
		ticket, response, err := client.TicketsAPI.CreateTicket(ctx).CreateTicketRequest(*body).XRequestId(fmt.Sprintf("go-client-%d", i)).Execute()
		if err != nil {
			out.Error = fmt.Sprintf("createTicket %d: %v", i, err)
			return out
		}
		out.Priorities = append(out.Priorities, ticket.GetPriority())
		out.RequestID = response.Header.Get("X-Request-Id")
	}

	page, _, err := client.TicketsAPI.ListTickets(ctx).Queue(queue).Status([]string{"new", "closed"}).StatusType([]string{"new"}).Execute()
	if err != nil {
		out.Error = fmt.Sprintf("listTickets: %v", err)
		return out
	}
	out.Listed = len(page.GetItems())
	return out
}

func ptr[T any](v T) *T { return &v }
