// Command kfake starts franz-go's fake Kafka cluster (pkg/kfake) on loopback, prints its bootstrap
// servers on one line ("bootstrap: HOST:PORT,...") and keeps it up until SIGINT or SIGTERM, so that
// kspec can validate it through the Kafka-wire adapter:
//
//	kfake -brokers 3 -control 127.0.0.1:0
//	kspec validate --adapter kafka:127.0.0.1:PORT,... --fault-cmd 'kfake fault 127.0.0.1:C {kind} {broker}'
//
// With -port 0 (the default) the brokers listen on ephemeral ports; with -port P on P, P+1, ...
// With -control it also serves faults over HTTP on loopback ("control: HOST:PORT"), and
// `kfake fault CONTROL KIND NODE` sends one: kfake keeps one in-memory log per partition and has no
// replicas, so a crash or clean shutdown is the node leaving the cluster (Cluster.RemoveNode: its
// listener closes and its partitions get new leaders among the rest, nothing is lost) and restart is
// the node joining again on its old port (Cluster.AddNode). Power loss, disk loss and isolation
// have no kfake counterpart, and the last node (kfake's controller, which cannot fail over) does
// not fail: those exit 1, which kspec reports as unsupported.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/twmb/franz-go/pkg/kfake"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "fault" {
		os.Exit(sendFault(os.Args[2:]))
	}
	brokers := flag.Int("brokers", 3, "number of brokers")
	port := flag.Int("port", 0, "first listening port (0: ephemeral ports)")
	control := flag.String("control", "", "serve faults over HTTP on this loopback address (port 0: any free port)")
	failController := flag.Bool("fail-controller", false, "let faults remove the controller node too (it never comes back as controller)")
	flag.Parse()
	if *brokers < 1 {
		fmt.Fprintln(os.Stderr, "kfake: -brokers must be at least 1")
		os.Exit(2)
	}

	ports := make([]int, *brokers)
	for i := range ports {
		if *port > 0 {
			ports[i] = *port + i
		}
	}
	cluster, err := kfake.NewCluster(kfake.NumBrokers(*brokers), kfake.Ports(ports...))
	if err != nil {
		fmt.Fprintf(os.Stderr, "kfake: cluster did not start: %v\n", err)
		os.Exit(2)
	}
	addrs := cluster.ListenAddrs()
	fmt.Printf("bootstrap: %s\n", strings.Join(addrs, ","))
	if *control != "" {
		addr, err := serveFaults(cluster, addrs, *control, *failController)
		if err != nil {
			fmt.Fprintf(os.Stderr, "kfake: control port: %v\n", err)
			os.Exit(2)
		}
		fmt.Printf("control: %s\n", addr)
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	cluster.Close()
}

// serveFaults answers POST /fault?kind=K&node=N. Node n is the n-th listener (kfake numbers its
// nodes 0..N-1 in listener order).
func serveFaults(cluster *kfake.Cluster, addrs []string, addr string, failController bool) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	var mu sync.Mutex
	down := map[int32]bool{}
	mux := http.NewServeMux()
	mux.HandleFunc("/fault", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		kind := r.URL.Query().Get("kind")
		node, err := strconv.Atoi(r.URL.Query().Get("node"))
		if err != nil || node < 0 || node >= len(addrs) {
			http.Error(w, "no such node", http.StatusBadRequest)
			return
		}
		id := int32(node)
		// kfake's controller is the last node at start-up and never moves: removing and re-adding
		// it leaves the cluster without one (docs/kfake-report.md, deviation 1), which would turn
		// the rest of a validation run into NOT_CONTROLLER answers. So that node does not fail,
		// unless -fail-controller asks for it (the report's trace of that bug).
		if node == len(addrs)-1 && kind != "restart" && !failController {
			http.Error(w, fmt.Sprintf("node %d is kfake's controller, which cannot fail over", node), http.StatusNotImplemented)
			return
		}
		switch kind {
		case "process-crash", "clean-shutdown":
			if down[id] {
				break
			}
			if err := cluster.RemoveNode(id); err != nil {
				http.Error(w, err.Error(), http.StatusConflict)
				return
			}
			down[id] = true
		case "restart":
			if !down[id] {
				break
			}
			_, portText, _ := net.SplitHostPort(addrs[node])
			port, _ := strconv.Atoi(portText)
			if _, _, err := cluster.AddNode(id, port); err != nil {
				http.Error(w, err.Error(), http.StatusConflict)
				return
			}
			delete(down, id)
		default:
			http.Error(w, fmt.Sprintf("kfake has no %s: it keeps one in-memory log per partition", kind), http.StatusNotImplemented)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	go http.Serve(ln, mux) //nolint:errcheck // serves until the process exits
	return ln.Addr().String(), nil
}

// sendFault is `kfake fault CONTROL KIND NODE`: 0 when done, 1 when kfake cannot do it, 2 on bad usage.
func sendFault(args []string) int {
	if len(args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: kfake fault CONTROL KIND NODE")
		return 2
	}
	query := url.Values{"kind": {args[1]}, "node": {args[2]}}
	resp, err := http.Post("http://"+args[0]+"/fault?"+query.Encode(), "text/plain", nil)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kfake fault: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(os.Stderr, "kfake fault %s %s: %s", args[1], args[2], body)
		if resp.StatusCode == http.StatusBadRequest {
			return 2
		}
		return 1
	}
	return 0
}
