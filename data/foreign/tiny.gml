graph [
  directed 1
  name "Exampletown food cluster (tiny hand-made example)"
  node [
    id 0
    label "Firm A (food processor)"
    helix "industry"
  ]
  node [
    id 1
    label "Firm B (packaging)"
    helix "industry"
  ]
  node [
    id 2
    label "Firm C (cold logistics)"
    helix "industry"
  ]
  node [
    id 3
    label "Startup D (food-waste app)"
    helix "startup"
  ]
  node [
    id 4
    label "University E"
    helix "research-education"
  ]
  node [
    id 5
    label "Vocational college F"
    helix "research-education"
  ]
  node [
    id 6
    label "City of Exampletown"
    helix "public"
  ]
  node [
    id 7
    label "Exampletown development company"
    helix "public"
  ]
  node [
    id 8
    label "Local food association"
    helix "civil-society"
  ]
  node [
    id 9
    label "Regional seed fund"
    helix "financier"
  ]
  node [
    id 10
    label "Individual member G"
    helix "individual"
  ]
  node [
    id 11
    label "Individual member H"
    helix "individual"
  ]
  edge [
    source 0
    target 1
    weight 3.0
  ]
  edge [
    source 0
    target 2
    weight 2.0
  ]
  edge [
    source 0
    target 4
    weight 2.0
  ]
  edge [
    source 1
    target 3
    weight 1.0
  ]
  edge [
    source 3
    target 9
    weight 2.0
  ]
  edge [
    source 4
    target 3
    weight 1.0
  ]
  edge [
    source 5
    target 2
    weight 1.0
  ]
  edge [
    source 6
    target 8
    weight 1.0
  ]
  edge [
    source 7
    target 0
    weight 1.0
  ]
  edge [
    source 7
    target 9
    weight 1.0
  ]
  edge [
    source 8
    target 10
    weight 1.0
  ]
  edge [
    source 11
    target 4
    weight 1.0
  ]
]
