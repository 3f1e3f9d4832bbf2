// swift-tools-version:6.0
import PackageDescription

// Rooms and doors: see README.md. A target imports only targets on lower rows;
// build with --explicit-target-dependency-import-check error so a crossed door fails.
let package = Package(
    name: "payout-gateway",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "payout-gateway", targets: ["payout-gateway"]),
    ],
    targets: [
        // Row 0: C module maps.
        .target(name: "CLinux", path: "Sources/CLinux"),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),

        // Row 1: infrastructure that knows nothing of payouts.
        .target(name: "Sockets", dependencies: ["CLinux"]),
        .target(name: "HTTP"),
        .target(name: "JSON"),
        .target(name: "TLS", dependencies: ["COpenSSL", "Sockets"]),
        .target(name: "Threads", dependencies: ["CLinux"]),

        // Row 2.
        .target(name: "HTTPServer", dependencies: ["Sockets", "HTTP", "Threads"]),
        .target(name: "HTTPClient", dependencies: ["Sockets", "TLS", "HTTP", "Threads"]),
        .target(name: "Crypto", dependencies: ["COpenSSL"]),
        .target(name: "Postgres", dependencies: ["CLibPQ", "Threads"]),

        // Row 2: pure domain rules, no I/O.
        .target(name: "Payouts"),
        .target(name: "Ledger"),

        // Row 3: routing (pure), the providers, and the only room that writes SQL.
        .target(name: "Routing", dependencies: ["Payouts", "JSON"]),
        .target(name: "Duitku", dependencies: ["Payouts", "HTTPClient", "HTTP", "Crypto"], path: "Sources/Providers/Duitku"),
        .target(name: "Durianpay", dependencies: ["Payouts", "HTTPClient", "HTTP", "Crypto"], path: "Sources/Providers/Durianpay"),
        .target(name: "Doku", dependencies: ["Payouts", "HTTPClient", "HTTP", "Crypto"], path: "Sources/Providers/Doku"),
        .target(name: "SingaPay", dependencies: ["Payouts", "HTTPClient", "HTTP", "Crypto", "JSON"], path: "Sources/Providers/SingaPay"),
        .target(name: "Store", dependencies: ["Postgres", "Payouts", "Ledger", "JSON"]),

        // Row 4: wiring, configuration, HTTP problems.
        .target(name: "Gateway", dependencies: ["Sockets", "HTTP", "HTTPServer", "HTTPClient", "Postgres", "Store", "Crypto", "Payouts",
                                               "Ledger", "Routing", "Duitku", "Durianpay", "Doku", "SingaPay", "Threads", "JSON"]),

        // Row 4 beside the gateway: faithful local simulators of the providers' APIs.
        .target(name: "ProviderSimulators", dependencies: ["HTTPServer", "HTTP", "Crypto", "Payouts", "Sockets"]),

        // Row 5.
        .executableTarget(name: "payout-gateway", dependencies: ["Gateway"]),
        .executableTarget(name: "provider-sandbox", dependencies: ["ProviderSimulators", "Payouts", "Sockets"]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["Postgres", "Sockets"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTP", "Sockets", "TestSupport"]),
        .testTarget(name: "SocketsTests", dependencies: ["Sockets"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "ThreadsTests", dependencies: ["Threads"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "TLS", "HTTP", "HTTPServer", "Sockets", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "PayoutsTests", dependencies: ["Payouts"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "Payouts"]),
        .testTarget(name: "ProviderTests", dependencies: ["Duitku", "Durianpay", "Doku", "SingaPay", "ProviderSimulators",
                                                         "Payouts", "HTTPClient", "HTTP", "Crypto", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Postgres", "Payouts", "Ledger", "TestSupport"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "HTTP", "HTTPServer", "Postgres", "Store", "Crypto", "Payouts", "Ledger",
                                                        "ProviderSimulators", "Sockets", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
