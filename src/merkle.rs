//! The bulletin board's Merkle tree, as RFC 9162 (Certificate Transparency 2.0) defines it:
//! leaf and node hashes, the tree head of the first `n` entries, inclusion and consistency
//! proofs, and their verification. Pure: the nodes come from a lookup the caller fills.
//!
//! Every complete subtree is aligned (it covers leaves `[i·2^l, (i+1)·2^l)`), so a tree of any
//! size is made of stored complete nodes; a proof names the ranges it needs, the caller reads
//! their nodes in one go, and the same function then computes the proof.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// The hash of an entry as a leaf: SHA-256(0x00 ‖ entry).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(entry);
    h.finalize().into()
}

/// The hash of an inner node: SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// Complete nodes with their hashes, left to right.
pub type Frontier = Vec<(NodeId, Hash)>;

/// A complete subtree: leaves `[index·2^level, (index+1)·2^level)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    pub level: u32,
    pub index: u64,
}

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// The complete subtrees that make up leaves `[lo, hi)`, left to right.
pub fn cover(lo: u64, hi: u64) -> Vec<NodeId> {
    let mut nodes = Vec::new();
    let mut at = lo;
    while at < hi {
        // The largest aligned block starting at `at` that fits.
        let mut level = if at == 0 { 63 } else { at.trailing_zeros() };
        while level > 0 && at + (1u64 << level) > hi {
            level -= 1;
        }
        nodes.push(NodeId {
            level,
            index: at >> level,
        });
        at += 1 << level;
    }
    nodes
}

/// Where complete nodes come from; `None` for one not known (a proof asked for it anyway).
pub trait Nodes {
    fn node(&self, id: NodeId) -> Option<Hash>;
}

impl Nodes for BTreeMap<NodeId, Hash> {
    fn node(&self, id: NodeId) -> Option<Hash> {
        self.get(&id).copied()
    }
}

/// Records which nodes a computation needs (their hashes are zeros meanwhile).
#[derive(Default)]
pub struct Wanted(std::cell::RefCell<std::collections::BTreeSet<NodeId>>);

impl Wanted {
    pub fn into_ids(self) -> Vec<NodeId> {
        self.0.into_inner().into_iter().collect()
    }
}

impl Nodes for Wanted {
    fn node(&self, id: NodeId) -> Option<Hash> {
        self.0.borrow_mut().insert(id);
        Some([0; 32])
    }
}

/// The tree head (MTH) of leaves `[lo, hi)`, from its complete nodes.
pub fn range_root(lo: u64, hi: u64, nodes: &dyn Nodes) -> Option<Hash> {
    let cover = cover(lo, hi);
    let mut hashes = cover.iter().rev().map(|id| nodes.node(*id));
    let mut root = hashes.next()??;
    for left in hashes {
        root = node_hash(&left?, &root);
    }
    Some(root)
}

/// The audit path of leaf `m` in the tree of the first `n` leaves (RFC 9162, 2.1.3.1).
pub fn inclusion_path(m: u64, n: u64, nodes: &dyn Nodes) -> Option<Vec<Hash>> {
    fn path(m: u64, lo: u64, hi: u64, nodes: &dyn Nodes, out: &mut Vec<Hash>) -> Option<()> {
        let n = hi - lo;
        if n <= 1 {
            return Some(());
        }
        let k = split(n);
        if m < k {
            path(m, lo, lo + k, nodes, out)?;
            out.push(range_root(lo + k, hi, nodes)?);
        } else {
            path(m - k, lo + k, hi, nodes, out)?;
            out.push(range_root(lo, lo + k, nodes)?);
        }
        Some(())
    }
    if m >= n {
        return None;
    }
    let mut out = Vec::new();
    path(m, 0, n, nodes, &mut out)?;
    Some(out)
}

/// The proof that the tree of the first `m` leaves is a prefix of the tree of the first `n`
/// (RFC 9162, 2.1.4.1).
pub fn consistency_path(m: u64, n: u64, nodes: &dyn Nodes) -> Option<Vec<Hash>> {
    fn sub(
        m: u64,
        lo: u64,
        hi: u64,
        whole: bool,
        nodes: &dyn Nodes,
        out: &mut Vec<Hash>,
    ) -> Option<()> {
        let n = hi - lo;
        if m == n {
            if !whole {
                out.push(range_root(lo, hi, nodes)?);
            }
            return Some(());
        }
        let k = split(n);
        if m <= k {
            sub(m, lo, lo + k, whole, nodes, out)?;
            out.push(range_root(lo + k, hi, nodes)?);
        } else {
            sub(m - k, lo + k, hi, false, nodes, out)?;
            out.push(range_root(lo, lo + k, nodes)?);
        }
        Some(())
    }
    if m == 0 || m > n {
        return None;
    }
    let mut out = Vec::new();
    sub(m, 0, n, true, nodes, &mut out)?;
    Some(out)
}

/// Checks an audit path (RFC 9162, 2.1.3.2): the leaf at `index` of a tree of `size` leaves
/// whose head is `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, path: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in path {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

/// Checks a consistency proof (RFC 9162, 2.1.4.2): the tree of `first` leaves with head
/// `first_root` is a prefix of the tree of `second` leaves with head `second_root`.
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> bool {
    if first == 0 || first > second {
        return false;
    }
    if first == second {
        return proof.is_empty() && first_root == second_root;
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if first.is_power_of_two() {
        path.push(*first_root);
    }
    path.extend_from_slice(proof);
    let Some((head, rest)) = path.split_first() else {
        return false;
    };
    let (mut f, mut s) = (first - 1, second - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (*head, *head);
    for c in rest {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    fr == *first_root && sr == *second_root && s == 0
}

/// The nodes a tree gains when leaves are appended to it: the frontier (the complete nodes
/// covering the existing leaves, left to right) grows leaf by leaf, and every node completed
/// on the way is returned to be stored. Returns the new frontier too.
pub fn append(
    frontier: &[(NodeId, Hash)],
    first_index: u64,
    leaves: &[Hash],
) -> (Vec<(NodeId, Hash)>, Frontier) {
    let mut stack: Vec<(NodeId, Hash)> = frontier.to_vec();
    let mut made = Vec::with_capacity(leaves.len() * 2);
    for (i, leaf) in leaves.iter().enumerate() {
        let id = NodeId {
            level: 0,
            index: first_index + i as u64,
        };
        stack.push((id, *leaf));
        made.push((id, *leaf));
        while stack.len() >= 2 {
            let (right, left) = (stack[stack.len() - 1], stack[stack.len() - 2]);
            if left.0.level != right.0.level {
                break;
            }
            stack.truncate(stack.len() - 2);
            let parent = (
                NodeId {
                    level: left.0.level + 1,
                    index: left.0.index >> 1,
                },
                node_hash(&left.1, &right.1),
            );
            stack.push(parent);
            made.push(parent);
        }
    }
    (made, stack)
}

/// The leaf indexes under a complete node.
pub fn leaves_of(id: NodeId) -> std::ops::Range<u64> {
    let width = 1u64 << id.level;
    id.index * width..(id.index + 1) * width
}

/// The hash of a complete subtree from its leaves (a power of two of them, left to right).
pub fn subtree_root(leaves: &[Hash]) -> Option<Hash> {
    if !leaves.len().is_power_of_two() {
        return None;
    }
    root_of(&append(&[], 0, leaves).1)
}

/// The head of a tree from its frontier.
pub fn root_of(frontier: &[(NodeId, Hash)]) -> Option<Hash> {
    let mut nodes = frontier.iter().rev();
    let mut root = nodes.next()?.1;
    for (_, left) in nodes {
        root = node_hash(left, &root);
    }
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// MTH straight from the RFC's definition, over all leaves.
    fn reference_root(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => Sha256::digest([]).into(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
            }
        }
    }

    fn tree(n: u64) -> (Vec<Hash>, BTreeMap<NodeId, Hash>) {
        let leaves: Vec<Hash> = (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let (made, _) = append(&[], 0, &leaves);
        (leaves, made.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn heads_and_proofs_match_the_definition(n in 1u64..300, a in 0u64..300, b in 0u64..300) {
            let (leaves, nodes) = tree(n);
            let root = range_root(0, n, &nodes).unwrap();
            prop_assert_eq!(root, reference_root(&leaves));
            // Appending in two steps gives the same nodes as in one.
            let cut = a % n;
            let (first, frontier) = append(&[], 0, &leaves[..cut as usize]);
            let (second, frontier) = append(&frontier, cut, &leaves[cut as usize..]);
            prop_assert_eq!(root_of(&frontier).unwrap(), root);
            prop_assert_eq!(first.len() + second.len(), nodes.len());
            // Inclusion of any leaf; a changed leaf or a wrong index fails.
            let m = b % n;
            let path = inclusion_path(m, n, &nodes).unwrap();
            prop_assert!(path.len() <= 64 - (n.leading_zeros() as usize) + 1);
            prop_assert!(verify_inclusion(m, n, &leaves[m as usize], &path, &root));
            prop_assert!(!verify_inclusion(m, n, &leaf_hash(b"tampered"), &path, &root));
            if n > 1 {
                prop_assert!(!verify_inclusion((m + 1) % n, n, &leaves[m as usize], &path, &root));
            }
            // Consistency of any earlier head; a rewritten history fails.
            let first_size = a % n + 1;
            let first_root = reference_root(&leaves[..first_size as usize]);
            let proof = consistency_path(first_size, n, &nodes).unwrap();
            prop_assert!(verify_consistency(first_size, n, &first_root, &root, &proof));
            let mut rewritten = leaves.clone();
            rewritten[(b % first_size) as usize] = leaf_hash(b"rewritten");
            let forged_root = reference_root(&rewritten[..first_size as usize]);
            prop_assert!(!verify_consistency(first_size, n, &forged_root, &root, &proof));
        }
    }

    #[test]
    fn a_complete_node_is_the_root_of_the_leaves_under_it() {
        let (leaves, nodes) = tree(100);
        for (id, hash) in &nodes {
            let under: Vec<Hash> = leaves_of(*id).map(|i| leaves[i as usize]).collect();
            assert_eq!(subtree_root(&under), Some(*hash), "{id:?}");
        }
        assert_eq!(subtree_root(&leaves[..3]), None);
    }

    #[test]
    fn a_proof_names_the_nodes_it_reads() {
        let (leaves, nodes) = tree(1000);
        let wanted = Wanted::default();
        inclusion_path(700, 1000, &wanted).unwrap();
        let ids = wanted.into_ids();
        assert!(ids.len() <= 20, "{} nodes", ids.len());
        let fetched: BTreeMap<NodeId, Hash> = ids.iter().map(|id| (*id, nodes[id])).collect();
        let path = inclusion_path(700, 1000, &fetched).unwrap();
        let root = range_root(0, 1000, &nodes).unwrap();
        assert!(verify_inclusion(700, 1000, &leaves[700], &path, &root));
    }
}
