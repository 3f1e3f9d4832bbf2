# Sourced by the benches: pg_ticks prints the CPU ticks PostgreSQL has used so far (the server of
# $TEST_DATABASE_URL): the postmaster's own and its reaped children's, plus its children alive
# now. A reading right after a client disconnects may miss a backend not yet reaped: read twice
# around a run of clients that stay connected, or after a short pause.
pg_postmaster="$(head -1 "$(psql "$TEST_DATABASE_URL" -Atc 'SHOW data_directory')/postmaster.pid")"
pg_ticks() {
    local total child
    total="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_postmaster/stat")"
    for child in $(pgrep -P "$pg_postmaster"); do
        total=$(( total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0) ))
    done
    echo "$total"
}
