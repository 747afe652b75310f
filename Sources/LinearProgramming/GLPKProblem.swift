import CGLPK
import Foundation

/// Owns one `glp_prob`. Created, used and deleted on one thread (GLPK keeps its
/// environment per thread); never shared across tasks. Internal: other modules
/// reach it as a `LinearProgram` of `GLPKSolver` (`LinearProgramBackend`).
final class GLPKProblem: LinearProgram {
    let prob: OpaquePointer
    public private(set) var rowCount: Int = 0
    public private(set) var columnCount: Int = 0

    public init(name: String, direction: LinearModel.Direction) {
        glp_term_out(GLP_OFF)
        prob = glp_create_prob()
        glp_set_prob_name(prob, GLPKProblem.safeName(name))
        glp_set_obj_dir(prob, direction == .maximize ? GLP_MAX : GLP_MIN)
    }

    deinit { glp_delete_prob(prob) }

    /// Loads a whole model (validated first: GLPK aborts the process on bad input).
    public convenience init(model: LinearModel) throws(ModelError) {
        try model.validate()
        self.init(name: model.name, direction: model.direction)
        if !model.rows.isEmpty { glp_add_rows(prob, Int32(model.rows.count)) }
        if !model.columns.isEmpty { glp_add_cols(prob, Int32(model.columns.count)) }
        rowCount = model.rows.count
        columnCount = model.columns.count
        glp_set_obj_coef(prob, 0, model.objectiveConstant)
        for (j, c) in model.columns.enumerated() {
            let jj = Int32(j + 1)
            glp_set_col_name(prob, jj, GLPKProblem.safeName(c.name))
            // Kind first: GLP_BV would reset the bounds to [0, 1] and lose a lock's lower bound.
            if c.isInteger { glp_set_col_kind(prob, jj, GLP_IV) }
            GLPKProblem.setBounds(c.lower, c.upper) { glp_set_col_bnds(prob, jj, $0, $1, $2) }
            glp_set_obj_coef(prob, jj, c.objective)
        }
        var ia: [Int32] = [0]
        var ja: [Int32] = [0]
        var ar: [Double] = [0]
        let nz = model.nonZeros
        ia.reserveCapacity(nz + 1)
        ja.reserveCapacity(nz + 1)
        ar.reserveCapacity(nz + 1)
        for (i, r) in model.rows.enumerated() {
            let ii = Int32(i + 1)
            glp_set_row_name(prob, ii, GLPKProblem.safeName(r.name))
            GLPKProblem.setBounds(r.lower, r.upper) { glp_set_row_bnds(prob, ii, $0, $1, $2) }
            for e in r.entries {
                ia.append(ii)
                ja.append(Int32(e.column + 1))
                ar.append(e.value)
            }
        }
        if nz > 0 { glp_load_matrix(prob, Int32(nz), &ia, &ja, &ar) }
    }

    /// The first misuse found by the incremental calls below (an index out of
    /// range, a non-finite number, a repeated row): the call is skipped instead of
    /// letting GLPK abort the process, and every later solve reports it.
    public private(set) var invalid: ModelError?

    func refuse(_ why: String) {
        if invalid == nil { invalid = .invalid(why) }
    }

    /// A name GLPK accepts: at most 255 bytes, no control characters (GLPK aborts on either).
    static func safeName(_ s: String) -> String {
        var out = ""
        var bytes = 0
        for ch in s.unicodeScalars {
            let c: Unicode.Scalar = ch.value < 32 || ch.value == 127 ? "?" : ch
            let n = String(c).utf8.count
            if bytes + n > 255 { break }
            out.unicodeScalars.append(c)
            bytes += n
        }
        return out
    }

    static func setBounds(_ lo: Double, _ up: Double, _ set: (Int32, Double, Double) -> Void) {
        switch (lo.isFinite, up.isFinite) {
        case (false, false): set(GLP_FR, 0, 0)
        case (true, false): set(GLP_LO, lo, 0)
        case (false, true): set(GLP_UP, 0, up)
        case (true, true): set(lo == up ? GLP_FX : GLP_DB, lo, up)
        }
    }

    // MARK: - Incremental use (column generation)

    /// Adds a row with no entries yet; returns its 0-based index.
    @discardableResult
    public func addRow(name: String, lower: Double, upper: Double) -> Int {
        let i = glp_add_rows(prob, 1)
        glp_set_row_name(prob, i, GLPKProblem.safeName(name))
        GLPKProblem.setBounds(lower, upper) { glp_set_row_bnds(prob, i, $0, $1, $2) }
        rowCount += 1
        return Int(i) - 1
    }

    public func setRowBounds(_ row: Int, lower: Double, upper: Double) {
        guard row >= 0 && row < rowCount, !lower.isNaN, !upper.isNaN, lower <= upper else {
            return refuse("row bounds for row \(row) of \(rowCount): [\(lower), \(upper)]")
        }
        GLPKProblem.setBounds(lower, upper) { glp_set_row_bnds(prob, Int32(row + 1), $0, $1, $2) }
    }

    /// Adds a column with its entries (0-based row indices, each once).
    @discardableResult
    public func addColumn(
        name: String, objective: Double, lower: Double, upper: Double, entries: [(row: Int, value: Double)]
    )
        -> Int
    {
        var seenRows = Set<Int>()
        for e in entries where e.value != 0 {
            guard e.row >= 0 && e.row < rowCount && e.value.isFinite && seenRows.insert(e.row).inserted else {
                refuse("column \(name): entry for row \(e.row) of \(rowCount) (\(e.value)) is out of range or repeated")
                return -1
            }
        }
        guard objective.isFinite, !lower.isNaN, !upper.isNaN, lower <= upper else {
            refuse("column \(name): bad bounds or objective")
            return -1
        }
        let j = glp_add_cols(prob, 1)
        glp_set_col_name(prob, j, GLPKProblem.safeName(name))
        GLPKProblem.setBounds(lower, upper) { glp_set_col_bnds(prob, j, $0, $1, $2) }
        glp_set_obj_coef(prob, j, objective)
        var ind: [Int32] = [0]
        var val: [Double] = [0]
        for e in entries where e.value != 0 {
            ind.append(Int32(e.row + 1))
            val.append(e.value)
        }
        if ind.count > 1 { glp_set_mat_col(prob, j, Int32(ind.count - 1), &ind, &val) }
        columnCount += 1
        return Int(j) - 1
    }

    /// Deletes columns (0-based); the others keep their order and shift down.
    /// Nonbasic columns only, so that the current basis stays valid.
    public func deleteColumns(_ columns: [Int]) {
        guard !columns.isEmpty else { return }
        guard columns.allSatisfy({ $0 >= 0 && $0 < columnCount }) && Set(columns).count == columns.count else {
            return refuse("deleting columns out of range or repeated")
        }
        var num: [Int32] = [0] + columns.sorted().map { Int32($0 + 1) }
        glp_del_cols(prob, Int32(columns.count), &num)
        columnCount -= columns.count
    }

    /// Reduced cost of a column at the last LP solution.
    public func columnDual(_ column: Int) -> Double {
        column >= 0 && column < columnCount ? glp_get_col_dual(prob, Int32(column + 1)) : 0
    }
    public func isBasic(_ column: Int) -> Bool {
        column >= 0 && column < columnCount && glp_get_col_stat(prob, Int32(column + 1)) == GLP_BS
    }

    public func setColumnBounds(_ column: Int, lower: Double, upper: Double) {
        guard column >= 0 && column < columnCount, !lower.isNaN, !upper.isNaN, lower <= upper else {
            return refuse("column bounds for column \(column) of \(columnCount): [\(lower), \(upper)]")
        }
        GLPKProblem.setBounds(lower, upper) { glp_set_col_bnds(prob, Int32(column + 1), $0, $1, $2) }
    }

    public func setObjective(_ column: Int, _ value: Double) {
        guard column >= 0 && column < columnCount, value.isFinite else {
            return refuse("objective of column \(column) of \(columnCount): \(value)")
        }
        glp_set_obj_coef(prob, Int32(column + 1), value)
    }

    public func setInteger(_ column: Int, _ integer: Bool) {
        guard column >= 0 && column < columnCount else { return refuse("kind of column \(column) of \(columnCount)") }
        glp_set_col_kind(prob, Int32(column + 1), integer ? GLP_IV : GLP_CV)
    }

    /// Writes the model in free MPS (for other solvers and benchmarks), atomically: a
    /// temporary file beside `path` (mode 0600), fsync, rename, so that a reader sees a whole
    /// model or none.
    public func writeMPS(_ path: String) -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = "\(dir.isEmpty ? "." : dir)/.relief-mps-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        guard glp_write_mps(prob, GLP_MPS_FILE, nil, tmp) == 0 else {
            unlink(tmp)
            return false
        }
        let sync = open(tmp, O_RDONLY | O_CLOEXEC)
        if sync >= 0 {
            fsync(sync)
            close(sync)
        }
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            return false
        }
        return true
    }
}
