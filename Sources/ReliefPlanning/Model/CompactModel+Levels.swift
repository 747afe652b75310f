import LinearProgramming
import ReliefCore

/// The levels in the compact model: each level's terms (a sum's coefficients on
/// the x and y columns, or what a level's own `LevelRows` built), set as the
/// objective, held by a row `level_KEY`, valued at a point.
extension CompactModel {
    /// Objective coefficients of a level that is a sum: what each x and y column adds to it.
    public func levelCoefficients(_ level: PlanningLevel) -> [(column: Int, value: Double)] {
        var out: [(column: Int, value: Double)] = []
        for (p, col) in x {
            let v = level.value(index, p.sitter, .visit(p.item))
            if v != 0 { out.append((col, v)) }
        }
        for (p, col) in y {
            let v = level.value(index, p.sitter, .shift(p.item))
            if v != 0 { out.append((col, v)) }
        }
        return out.sorted { $0.column < $1.column }
    }

    /// The terms a level with its own rows built; nil for a sum.
    func ownTerms(_ level: PlanningLevel) -> LevelTerms? {
        guard case .rows = level.objective else { return nil }
        guard let t = levelTerms.first(where: { $0.key == level.key }) else {
            preconditionFailure(
                "level \(level.key) has its own rows: build the model with CompactModel(index, levels:)")
        }
        return t.terms
    }

    /// The level as a linear expression over the model's columns: its objective, and
    /// the left side of its row `level_KEY`.
    public func terms(of level: PlanningLevel) -> [(column: Int, value: Double)] {
        ownTerms(level)?.objective ?? levelCoefficients(level)
    }

    public mutating func setObjective(_ level: PlanningLevel) {
        model.clearObjective()
        for (col, v) in terms(of: level) { model.setObjective(col, v) }
    }

    /// The level's value at a point of this model (whatever objective is set). A
    /// level with its own rows is valued at its columns as `point` would set them
    /// from the point's assignments (`LevelTerms.fill`), whatever a solver left there.
    public func value(of level: PlanningLevel, at point: [Double]) -> Int {
        if let own = ownTerms(level) {
            var p = point
            own.fill(self, &p)
            return Int(own.objective.reduce(0.0) { $0 + $1.value * p[$1.column] }.rounded())
        }
        var total = levelCoefficients(level).reduce(0.0) { $0 + $1.value * point[$1.column] }
        if level.perSitter != 0 {
            var working = Set<Int>()
            for (p, col) in x where point[col] > 0.5 { working.insert(p.sitter) }
            for (p, col) in y where point[col] > 0.5 { working.insert(p.sitter) }
            total += level.perSitter * Double(working.count)
        }
        return Int(total.rounded())
    }

    /// Keeps a level at least `value` (row `level_oncall`, `level_urgent`, ...).
    public mutating func hold(_ level: PlanningLevel, atLeast value: Int) {
        levelRows.append(model.addRow(level.rowName, terms(of: level), lower: Double(value)))
    }

    /// Each level with its own rows (`LevelRows`) adds its columns and rows, once per key.
    mutating func addLevelRows(_ levels: [PlanningLevel]) {
        for level in levels {
            guard case .rows(let rows) = level.objective, !levelTerms.contains(where: { $0.key == level.key })
            else { continue }
            var m = model
            let terms = rows.build(self, &m)
            model = m
            levelTerms.append((level.key, terms))
        }
    }
}
