// Command go-caller drives the GOTRS ticket lifecycle workflow the way GOTRS's own Go code does (see
// seed/gotrs-temporal-workflows.md): the workflow type by its name, a bare ticket ID as the only
// argument, Go structs without JSON tags as signal payloads, and the "status" query decoded into a Go
// string. It prints one JSON line describing what it observed and exits non-zero on any error.
//
// Usage:
//
//	go-caller -address 127.0.0.1:7233 -task-queue gotrs-task-queue -ticket T-1 [-ticket2 T-1-b]
//
// Every flag also reads an environment variable (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
// TEMPORAL_TASK_QUEUE, TICKET_ID, TICKET2_ID).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
)

// AssignmentData is the assign-ticket signal's payload, declared as GOTRS declares it: no JSON tags,
// so the default converter sends {"AgentID": "..."}.
type AssignmentData struct {
	AgentID string
}

// LifecycleOutcome is what the TypeScript workflow returns; encoding/json matches its camelCase keys
// to these field names case-insensitively, so a Go caller needs no tags to read it either.
type LifecycleOutcome struct {
	TicketID string
	Status   string
	EndedAt  string
}

// Observation is one answer of the "status" query, after a step.
type Observation struct {
	After  string `json:"after"`
	Status string `json:"status"`
	Polls  int    `json:"polls"`
}

// RunReport is what the program saw of one ticket's workflow.
type RunReport struct {
	TicketID     string            `json:"ticketId"`
	WorkflowID   string            `json:"workflowId"`
	RunID        string            `json:"runId"`
	StartedWith  string            `json:"startedWith"`
	Observations []Observation     `json:"observations"`
	StatusesSeen []string          `json:"statusesSeen"`
	GetError     *string           `json:"getError"`
	Outcome      *LifecycleOutcome `json:"outcome"`
	Completed    bool              `json:"completed"`
}

// Report is the program's one line of output.
type Report struct {
	OK              bool       `json:"ok"`
	Error           string     `json:"error,omitempty"`
	Address         string     `json:"address"`
	Namespace       string     `json:"namespace"`
	TaskQueue       string     `json:"taskQueue"`
	Lifecycle       *RunReport `json:"lifecycle,omitempty"`
	SignalWithStart *RunReport `json:"signalWithStart,omitempty"`
	ElapsedMs       int64      `json:"elapsedMs"`
}

const workflowType = "TicketLifecycleWorkflow"

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	address := flag.String("address", env("TEMPORAL_ADDRESS", "127.0.0.1:7233"), "Temporal frontend host:port")
	namespace := flag.String("namespace", env("TEMPORAL_NAMESPACE", "default"), "Temporal namespace")
	taskQueue := flag.String("task-queue", env("TEMPORAL_TASK_QUEUE", "gotrs-task-queue"), "task queue of the TypeScript worker")
	ticketID := flag.String("ticket", env("TICKET_ID", ""), "ticket ID for ExecuteWorkflow (required)")
	ticket2ID := flag.String("ticket2", env("TICKET2_ID", ""), "ticket ID for SignalWithStartWorkflow (default: <ticket>-sws)")
	timeout := flag.Duration("timeout", 2*time.Minute, "overall deadline")
	flag.Parse()

	report := &Report{Address: *address, Namespace: *namespace, TaskQueue: *taskQueue}
	started := time.Now()
	err := run(report, *address, *namespace, *taskQueue, *ticketID, *ticket2ID, *timeout)
	report.ElapsedMs = time.Since(started).Milliseconds()
	report.OK = err == nil
	if err != nil {
		report.Error = err.Error()
	}
	line, _ := json.Marshal(report)
	fmt.Println(string(line))
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-caller:", err)
		os.Exit(1)
	}
}

func run(report *Report, address, namespace, taskQueue, ticketID, ticket2ID string, timeout time.Duration) error {
	if ticketID == "" {
		return errors.New("a ticket ID is required (-ticket or TICKET_ID)")
	}
	if ticket2ID == "" {
		ticket2ID = ticketID + "-sws"
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	// Keep stdout for the report: the SDK logs warnings and errors to stderr.
	logger := log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	c, err := client.Dial(client.Options{HostPort: address, Namespace: namespace, Logger: logger})
	if err != nil {
		return fmt.Errorf("client.Dial %s: %w", address, err)
	}
	defer c.Close()

	report.Lifecycle = &RunReport{TicketID: ticketID, WorkflowID: "ticket-" + ticketID, StartedWith: "ExecuteWorkflow"}
	if err := lifecycle(ctx, c, taskQueue, report.Lifecycle); err != nil {
		return fmt.Errorf("ticket %s: %w", ticketID, err)
	}
	report.SignalWithStart = &RunReport{TicketID: ticket2ID, WorkflowID: "ticket-" + ticket2ID, StartedWith: "SignalWithStartWorkflow"}
	if err := signalWithStart(ctx, c, taskQueue, report.SignalWithStart); err != nil {
		return fmt.Errorf("ticket %s: %w", ticket2ID, err)
	}
	return nil
}

// lifecycle starts ticket-{id} as handleTicketCreation does, assigns it, tries an invalid status,
// closes it and waits for the run to end.
func lifecycle(ctx context.Context, c client.Client, taskQueue string, r *RunReport) error {
	workflowOptions := client.StartWorkflowOptions{
		ID:        "ticket-" + r.TicketID,
		TaskQueue: taskQueue,
	}
	we, err := c.ExecuteWorkflow(ctx, workflowOptions, workflowType, r.TicketID)
	if err != nil {
		return fmt.Errorf("ExecuteWorkflow: %w", err)
	}
	r.RunID = we.GetRunID()

	if err := waitForStatus(ctx, c, r, "start", "new"); err != nil {
		return err
	}
	if err := c.SignalWorkflow(ctx, r.WorkflowID, "", "assign-ticket", AssignmentData{AgentID: "agent-7"}); err != nil {
		return fmt.Errorf("SignalWorkflow assign-ticket: %w", err)
	}
	// The status query cannot show an assignee; changes are applied in order, so once a later
	// "open" shows, the assignment before it has been applied too.
	if err := c.SignalWorkflow(ctx, r.WorkflowID, "", "update-status", "open"); err != nil {
		return fmt.Errorf("SignalWorkflow update-status open: %w", err)
	}
	if err := waitForStatus(ctx, c, r, "assign-ticket agent-7, update-status open", "open"); err != nil {
		return err
	}
	// "pending" (= "pending reminder") needs a pendingUntil time a bare string cannot carry: the
	// workflow must refuse it, record why, and go on running.
	if err := c.SignalWorkflow(ctx, r.WorkflowID, "", "update-status", "pending"); err != nil {
		return fmt.Errorf("SignalWorkflow update-status pending: %w", err)
	}
	if err := observe(ctx, c, r, "update-status pending (must be refused)"); err != nil {
		return err
	}
	if err := c.SignalWorkflow(ctx, r.WorkflowID, "", "update-status", "closed"); err != nil {
		return fmt.Errorf("SignalWorkflow update-status closed: %w", err)
	}
	return finish(ctx, c, we, r, "update-status closed")
}

// signalWithStart starts ticket-{id2} together with its first assign-ticket signal.
func signalWithStart(ctx context.Context, c client.Client, taskQueue string, r *RunReport) error {
	workflowOptions := client.StartWorkflowOptions{
		ID:        "ticket-" + r.TicketID,
		TaskQueue: taskQueue,
	}
	we, err := c.SignalWithStartWorkflow(ctx, r.WorkflowID, "assign-ticket", AssignmentData{AgentID: "agent-9"},
		workflowOptions, workflowType, r.TicketID)
	if err != nil {
		return fmt.Errorf("SignalWithStartWorkflow: %w", err)
	}
	r.RunID = we.GetRunID()
	if err := c.SignalWorkflow(ctx, r.WorkflowID, "", "update-status", "open"); err != nil {
		return fmt.Errorf("SignalWorkflow update-status open: %w", err)
	}
	if err := waitForStatus(ctx, c, r, "signal-with-start assign-ticket agent-9, update-status open", "open"); err != nil {
		return err
	}
	if err := c.SignalWorkflow(ctx, r.WorkflowID, "", "update-status", "closed"); err != nil {
		return fmt.Errorf("SignalWorkflow update-status closed: %w", err)
	}
	return finish(ctx, c, we, r, "update-status closed")
}

// finish waits for the run to end as GOTRS would (Get with nil), then reads its result and queries
// the closed run once more.
func finish(ctx context.Context, c client.Client, we client.WorkflowRun, r *RunReport, step string) error {
	if err := we.Get(ctx, nil); err != nil {
		msg := err.Error()
		r.GetError = &msg
		return fmt.Errorf("WorkflowRun.Get: %w", err)
	}
	var outcome LifecycleOutcome
	if err := c.GetWorkflow(ctx, r.WorkflowID, r.RunID).Get(ctx, &outcome); err != nil {
		return fmt.Errorf("WorkflowRun.Get into LifecycleOutcome: %w", err)
	}
	r.Outcome = &outcome
	r.Completed = true
	// A query on a closed run is answered by replaying it on the worker.
	return observe(ctx, c, r, step)
}

// queryStatus is getTicketWorkflowStatus from the seed.
func queryStatus(ctx context.Context, c client.Client, workflowID string) (string, error) {
	response, err := c.QueryWorkflow(ctx, workflowID, "", "status")
	if err != nil {
		return "", err
	}
	var status string
	err = response.Get(&status)
	return status, err
}

// waitForStatus polls the status query until it answers want (a query may fail until the worker
// has completed the run's first workflow task).
func waitForStatus(ctx context.Context, c client.Client, r *RunReport, step, want string) error {
	var last string
	var lastErr error
	for polls := 1; ; polls++ {
		status, err := queryStatus(ctx, c, r.WorkflowID)
		last, lastErr = status, err
		if err == nil {
			r.saw(status)
			if status == want {
				r.Observations = append(r.Observations, Observation{After: step, Status: status, Polls: polls})
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("status query after %q: wanted %q, last answer %q (error: %v): %w", step, want, last, lastErr, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// observe records one answer of the status query.
func observe(ctx context.Context, c client.Client, r *RunReport, step string) error {
	status, err := queryStatus(ctx, c, r.WorkflowID)
	if err != nil {
		return fmt.Errorf("status query after %q: %w", step, err)
	}
	r.saw(status)
	r.Observations = append(r.Observations, Observation{After: step, Status: status, Polls: 1})
	return nil
}

// saw notes every answer of the status query, in order, without consecutive repeats.
func (r *RunReport) saw(status string) {
	if n := len(r.StatusesSeen); n == 0 || r.StatusesSeen[n-1] != status {
		r.StatusesSeen = append(r.StatusesSeen, status)
	}
}
