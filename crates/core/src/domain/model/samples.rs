//! A realistic reference assessment, shared by the tests and the link-size
//! benchmark so that both speak of the same figures. Not used by the app, so
//! it does not reach the wasm.

use crate::domain::model::assessment::{Assessment, Details, Subject};
use crate::domain::model::rubric::{builtin, Level};

/// Guided-mode answers on every competency, as an assessor who used it
/// throughout would leave them: every level asked up to the first "no".
pub fn answer_every_guided_question(a: &mut Assessment) {
    use crate::domain::model::guided::{suggest, Guided};
    for c in &builtin().competencies {
        let answers: Vec<String> = ["yy", "yy", "yny"].iter().map(|s| s.to_string()).collect();
        a.edit_rating(&c.id, |r| {
            r.guided = Some(Guided {
                suggested: suggest(&answers).map(|s| s.level),
                answers,
                accepted: false,
            })
        });
    }
}

/// A complete assessment of Fortaleza with targets; `notes` adds five notes
/// of 150 characters each, in Portuguese.
pub fn reference(notes: bool) -> Assessment {
    let details = Details {
        subject: Subject::City,
        place: "Fortaleza".into(),
        date: "2026-03-15".into(),
        assessor: "Secretaria de Planejamento".into(),
    };
    let texts = [
        "Portal de dados abertos publicado em 2019 com 180 conjuntos; falta política formal de abertura e um calendário de publicação para todos os órgãos.",
        "Sensores de ônibus e bicicletas compartilhadas enviam dados em tempo real; a integração com outras secretarias ainda é manual e lenta demais hoje.",
        "Modelo preditivo de demanda para as estações de bicicleta e ajuste de linhas de ônibus com aprendizado de máquina, feito com a universidade local.",
        "Painel de mobilidade na web usado pela secretaria; as decisões ainda dependem de poucas pessoas e não há metas ligadas aos indicadores do painel.",
        "Aplicativo de solicitações de serviços não emergenciais em teste; participação cidadã limitada a consultas públicas pontuais sobre mobilidade.",
    ];
    let Some(mut a) = Assessment::new("ref".into(), &details, builtin(), 1) else {
        unreachable!("the reference details are valid");
    };
    for (i, c) in builtin().competencies.iter().enumerate() {
        a.edit_rating(&c.id, |r| {
            r.level = Level::new([2, 2, 2, 2, 1][i]);
            r.target = Level::new([3, 3, 3, 3, 2][i]);
            if notes {
                r.notes = texts[i].chars().take(150).collect();
            }
        });
    }
    a
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::formats::share;
    use crate::domain::model::rubric::builtin;

    /// benches/load.mjs opens this link; it must be what the app makes.
    #[test]
    fn the_load_benchmark_opens_a_current_link() {
        let path = format!(
            "{}/../../benches/reference-payload.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let expected = share::encode(&reference(false), builtin(), false);
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(found.trim(), expected, "write {expected} to {path}");
    }

    /// benches/load.mjs opens this regional card: thirty places, as a
    /// network's portal would show them.
    #[test]
    fn the_load_benchmark_opens_a_current_regional_card() {
        let path = format!(
            "{}/../../benches/reference-region-payload.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let places: Vec<Assessment> = (0..30).map(|_| reference(false)).collect();
        let group: Vec<&Assessment> = places.iter().collect();
        let expected =
            crate::domain::region::cohort_link::encode("Andean network", &group, builtin())
                .unwrap_or_default();
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(found.trim(), expected, "write {expected} to {path}");
    }
}
