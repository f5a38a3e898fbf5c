# El simulador de reglas (ayuntamiento y auditoría)
simulate-title = Comparar reglas de recuento: { $round }
simulate-lead = Las mismas papeletas contadas de tres maneras: primero los más votados (greedy), el Método de Reparto Igualitario con el complemento Add1 y Phragmén secuencial. Nada de lo que se ve aquí cambia la regla ni el resultado de la convocatoria.
simulate-citywide = Toda la ciudad
# «Presupuesto <importe>, 12 papeletas.» es una sola frase: «simulate-budget», el importe y después «simulate-ballots» (que empieza con su propia puntuación)
simulate-budget = Presupuesto
simulate-ballots =
    { $count ->
        [one] , { $n } papeleta.
       *[other] , { $n } papeletas.
    }
simulate-caption = Proyectos financiados con cada regla (✓ financiado, – no financiado)
simulate-col-project = Proyecto
simulate-col-cost = Coste
simulate-funded = financiado
simulate-not-funded = no financiado
# La regla no se pudo aplicar a estas papeletas
simulate-not-applicable = n/d
simulate-spent = Dinero gastado
simulate-voters-funded = Votantes con al menos un proyecto financiado
simulate-voters-of = { $n } de { $total }
simulate-upload-title = Comparar un archivo de Pabulib
simulate-upload-file = Archivo de Pabulib (.pb)
simulate-upload-submit = Comparar
