# Two commands do everything on a new machine: `make run` and `make test`. See README.md.
SWIFT_FLAGS := --explicit-target-dependency-import-check error -Xswiftc -warnings-as-errors
RELEASE_FLAGS := -c release --explicit-target-dependency-import-check error
BIN_DEBUG := .build/debug
BIN_RELEASE := .build/release

.PHONY: build release run test bench fuzz clean

build:
	swift build $(SWIFT_FLAGS)

release:
	swift build $(RELEASE_FLAGS)

## Start the gateway on :8080 with a private PostgreSQL under .data/ (unless DATABASE_URL is set)
## and the provider sandbox (unless a <PROVIDER>_BASE_URL is set).
run: build
	bash .ci/run-local $(BIN_DEBUG)/payout-gateway $(BIN_DEBUG)/provider-sandbox

## Build and run every test against a throw-away PostgreSQL; check openapi.yaml and that the
## gateway's real answers match it. The provider contract tests run in a process of their own:
## their simulators post late callbacks to ports that other tests' servers may have been given.
## The end-to-end dispatch tests (sandbox, killed and parallel gateway processes) run alone too,
## one suite after the other: the crash tests' gateway processes would starve the in-process
## gateway of the dispatch tests on two cores, past their clients' five-second timeouts.
END_TO_END = DispatchTests|CrashTests
test:
	swift build --build-tests $(SWIFT_FLAGS)
	bash .ci/check-openapi
	bash .ci/with-postgres bash -c 'python3 Tests/Contract/check_contract.py $(BIN_DEBUG)/payout-gateway \
		&& swift test --skip-build --filter ProviderTests \
		&& swift test --skip-build --no-parallel --filter "$(END_TO_END)" \
		&& swift test --skip-build --skip ProviderTests --skip "$(END_TO_END)"'

## HTTP load figures (wrk) against a release build.
bench: release
	PG_FSYNC=on bash .ci/with-postgres bash .ci/bench $(BIN_RELEASE)/payout-gateway $(BIN_RELEASE)/provider-sandbox

## Fuzz the HTTP parser for FUZZ_SECONDS (default 60).
fuzz:
	bash Tests/Fuzz/run.sh $${FUZZ_SECONDS:-60}

clean:
	rm -rf .build
