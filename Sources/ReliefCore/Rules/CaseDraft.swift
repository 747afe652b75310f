/// A case as a reader (JSON, spreadsheet, event, scenario) built it, before
/// `CaseValidator` checks what it means. The reader has already reported what
/// it could not read; `unread` tells the validator which parts exist in the
/// source but are not in `theCase`, so that it reports only real problems
/// (a visit naming a sitter whose record was unreadable is not "unknown").
public struct CaseDraft: Sendable {
    /// What a reader could not read and has already reported.
    public struct Unread: Sendable, Equatable {
        /// Ids of sitters, families and territories the source lists but whose record was not read.
        public var sitters: Set<String> = []
        public var families: Set<String> = []
        public var territories: Set<String> = []
        /// Travel entries the source lists but that were not read, with the ends that were.
        public var travel: [(from: String?, to: String?)] = []
        /// The horizon was not read: `theCase.horizon` is a placeholder.
        public var horizon = false
        /// The reader reported an error: the checks that need a complete case (locks) wait.
        public var readerFailed = false

        public init() {}

        public static func == (a: Unread, b: Unread) -> Bool {
            a.sitters == b.sitters && a.families == b.families && a.territories == b.territories
                && a.travel.map { [$0.from, $0.to] } == b.travel.map { [$0.from, $0.to] } && a.horizon == b.horizon
                && a.readerFailed == b.readerFailed
        }
    }

    public var theCase: Case
    public var sources: CaseSources
    public var unread: Unread

    public init(_ c: Case, sources: CaseSources = .json, unread: Unread = Unread()) {
        theCase = c
        self.sources = sources
        self.unread = unread
    }
}

extension Case {
    /// The case with repeated references listed once (the validator warns about
    /// them) and agreeing repeated travel entries kept once.
    public func deduplicated() -> Case {
        func once(_ xs: [String]) -> [String] {
            var seen = Set<String>()
            return xs.filter { seen.insert($0).inserted }
        }
        var c = self
        for i in c.sitters.indices { c.sitters[i].territories = once(c.sitters[i].territories) }
        for i in c.families.indices {
            c.families[i].preferredSitters = once(c.families[i].preferredSitters)
            c.families[i].excludedSitters = once(c.families[i].excludedSitters)
            c.families[i].previousSitters = once(c.families[i].previousSitters)
        }
        for i in c.visits.indices { c.visits[i].assigned = once(c.visits[i].assigned) }
        for i in c.onCallShifts.indices { c.onCallShifts[i].assigned = once(c.onCallShifts[i].assigned) }
        var pairs = Set<TravelKey>()
        let travel = c.travel.filter { pairs.insert(TravelKey($0.from, $0.to)).inserted }
        if travel.count != c.travel.count { c.travel = travel }
        return c
    }
}
