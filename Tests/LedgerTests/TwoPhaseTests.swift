import Ledger
import Testing

@Suite struct TwoPhaseTests {
    @Test func holdMovePostTakesPayoutAndFeeFromPrefund() throws {
        try run([
            //                                      available  in_flight  duitku     duitku_avail  paid     fees
            Step("fund duitku 1,000,000",   Figures(1_000_000, 0,         1_000_000, 1_000_000,    0,       0)) {
                try $0.fund(provider: "duitku", amount: 1_000_000, id: "fund_1") },
            Step("hold po_1 150,000",       Figures(850_000,   150_000,   1_000_000, 1_000_000,    0,       0)) {
                try $0.hold(payout: "po_1", amount: 150_000, id: "po_1:hold") },
            Step("move hold to duitku",     Figures(850_000,   150_000,   1_000_000, 850_000,      0,       0)) {
                try $0.moveHold(payout: "po_1", to: "duitku", id: "po_1:route:1") },
            Step("post po_1 with fee 2,500", Figures(847_500,  0,         847_500,   847_500,      150_000, 2_500)) {
                try $0.post(payout: "po_1", fee: 2_500, feeJournalID: "po_1:fee") },
        ])
    }

    @Test func voidReleasesAnUnroutedHold() throws {
        try run([
            //                                      available  in_flight  duitku     duitku_avail  paid  fees
            Step("fund duitku 500,000",     Figures(500_000,   0,         500_000,   500_000,      0,    0)) {
                try $0.fund(provider: "duitku", amount: 500_000, id: "fund_1") },
            Step("hold po_1 200,000",       Figures(300_000,   200_000,   500_000,   500_000,      0,    0)) {
                try $0.hold(payout: "po_1", amount: 200_000, id: "po_1:hold") },
            Step("void po_1",               Figures(500_000,   0,         500_000,   500_000,      0,    0)) {
                try $0.void(payout: "po_1") },
        ])
    }

    @Test func failoverKeepsTheHoldUntilVoided() throws {
        let book = try run([
            //                                      available  in_flight  duitku     duitku_avail  paid  fees
            Step("fund duitku 500,000",     Figures(500_000,   0,         500_000,   500_000,      0,    0)) {
                try $0.fund(provider: "duitku", amount: 500_000, id: "fund_1") },
            Step("fund doku 300,000",       Figures(800_000,   0,         500_000,   500_000,      0,    0)) {
                try $0.fund(provider: "doku", amount: 300_000, id: "fund_2") },
            Step("hold po_1 100,000",       Figures(700_000,   100_000,   500_000,   500_000,      0,    0)) {
                try $0.hold(payout: "po_1", amount: 100_000, id: "po_1:hold") },
            Step("move hold to duitku",     Figures(700_000,   100_000,   500_000,   400_000,      0,    0)) {
                try $0.moveHold(payout: "po_1", to: "duitku", id: "po_1:route:1") },
            Step("duitku refused: to doku", Figures(700_000,   100_000,   500_000,   500_000,      0,    0)) {
                try $0.moveHold(payout: "po_1", to: "doku", id: "po_1:route:2") },
            Step("void po_1",               Figures(800_000,   0,         500_000,   500_000,      0,    0)) {
                try $0.void(payout: "po_1") },
        ])
        let doku = book.balance(of: try LedgerAccount.prefunded(by: "doku"))
        #expect(doku.available == 300_000 && doku.pendingCredits == 0)
    }

    @Test func aHoldIsPostedOrVoidedExactlyOnce() throws {
        try run([
            //                                      available  in_flight  duitku   duitku_avail  paid    fees
            Step("fund duitku 100,000",     Figures(100_000,   0,         100_000, 100_000,      0,      0)) {
                try $0.fund(provider: "duitku", amount: 100_000, id: "fund_1") },
            Step("hold po_1 40,000",        Figures(60_000,    40_000,    100_000, 100_000,      0,      0)) {
                try $0.hold(payout: "po_1", amount: 40_000, id: "po_1:hold") },
            Step("post before routing", refused: .holdNotRouted(payout: "po_1")) {
                try $0.post(payout: "po_1", fee: 0, feeJournalID: "po_1:fee") },
            Step("move hold to duitku",     Figures(60_000,    40_000,    100_000, 60_000,       0,      0)) {
                try $0.moveHold(payout: "po_1", to: "duitku", id: "po_1:route:1") },
            Step("post po_1, no fee",       Figures(60_000,    0,         60_000,  60_000,       40_000, 0)) {
                try $0.post(payout: "po_1", fee: 0, feeJournalID: "po_1:fee") },
            Step("post po_1 again", refused: .holdAlreadyPosted(payout: "po_1")) {
                try $0.post(payout: "po_1", fee: 0, feeJournalID: "po_1:fee2") },
            Step("void after post", refused: .holdAlreadyPosted(payout: "po_1")) {
                try $0.void(payout: "po_1") },
            Step("move after post", refused: .holdAlreadyPosted(payout: "po_1")) {
                try $0.moveHold(payout: "po_1", to: "duitku", id: "po_1:route:2") },
            Step("hold po_1 again", refused: .holdAlreadyExists(payout: "po_1")) {
                try $0.hold(payout: "po_1", amount: 1, id: "po_1:hold2") },
            Step("hold po_2 10,000",        Figures(50_000,    10_000,    60_000,  60_000,       40_000, 0)) {
                try $0.hold(payout: "po_2", amount: 10_000, id: "po_2:hold") },
            Step("void po_2",               Figures(60_000,    0,         60_000,  60_000,       40_000, 0)) {
                try $0.void(payout: "po_2") },
            Step("void po_2 again", refused: .holdAlreadyVoided(payout: "po_2")) {
                try $0.void(payout: "po_2") },
            Step("post after void", refused: .holdAlreadyVoided(payout: "po_2")) {
                try $0.post(payout: "po_2", fee: 0, feeJournalID: "po_2:fee") },
            Step("void unknown po_3", refused: .holdNotFound(payout: "po_3")) {
                try $0.void(payout: "po_3") },
            Step("reuse a journal id", refused: .duplicateJournal("fund_1")) {
                try $0.fund(provider: "duitku", amount: 1, id: "fund_1") },
        ])
    }

    @Test func overflowingBalanceIsRefused() throws {
        try run([
            //                                       available  in_flight  duitku     duitku_avail  paid  fees
            Step("fund duitku Int64.max",    Figures(.max,      0,         .max,      .max,         0,    0)) {
                try $0.fund(provider: "duitku", amount: .max, id: "fund_1") },
            Step("fund duitku 1 more", refused: .amountOverflow(journal: "fund_2")) {
                try $0.fund(provider: "duitku", amount: 1, id: "fund_2") },
        ])
    }
}
